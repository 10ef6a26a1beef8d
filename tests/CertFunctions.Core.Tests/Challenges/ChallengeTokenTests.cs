using CertFunctions.Core.Challenges;

namespace CertFunctions.Core.Tests.Challenges;

public sealed class ChallengeTokenTests
{
    [Theory]
    [InlineData("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0")]
    [InlineData("abcdefghijklmnopqrstuv")]
    [InlineData("A-_0123456789012345678901")]
    public void Base64url_tokens_of_sane_length_are_accepted(string token) => Assert.True(ChallengeToken.IsValid(token));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0=")]
    [InlineData("../../etc/passwd/aaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDf+wyjxAjEuX0")]
    [InlineData("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDf wyjxAjEuX0")]
    public void Malformed_tokens_are_rejected(string? token) => Assert.False(ChallengeToken.IsValid(token));

    [Fact]
    public void Tokens_longer_than_the_bound_are_rejected()
    {
        Assert.True(ChallengeToken.IsValid(new string('a', ChallengeToken.MaxLength)));
        Assert.False(ChallengeToken.IsValid(new string('a', ChallengeToken.MaxLength + 1)));
    }
}
