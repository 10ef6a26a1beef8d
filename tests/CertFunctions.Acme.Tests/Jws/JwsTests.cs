using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertFunctions.Acme.Jws;

namespace CertFunctions.Acme.Tests.Jws;

public sealed class JwsTests
{
    // RFC 7638 section 3.1 example key and thumbprint.
    private const string RfcModulus =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    [Fact]
    public void The_JWK_thumbprint_matches_the_RFC_7638_example()
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url.Decode(RfcModulus), Exponent = Base64Url.Decode("AQAB") });
        using var key = new RsaAccountKey(rsa);

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", key.Thumbprint());
        Assert.Equal("tok.NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", key.KeyAuthorization("tok"));
    }

    [Theory]
    [InlineData(AccountKeyAlgorithm.ES256)]
    [InlineData(AccountKeyAlgorithm.ES384)]
    [InlineData(AccountKeyAlgorithm.RS256)]
    public void A_signed_request_verifies_with_the_public_key_in_its_JWK(AccountKeyAlgorithm algorithm)
    {
        using var key = AccountKey.Generate(algorithm);
        var url = new Uri("https://ca.test/new-acct");

        var jws = JsonDocument.Parse(JwsEncoder.Sign(key, url, "n1", null, "{\"a\":1}"u8.ToArray())).RootElement;

        var header = JsonDocument.Parse(Base64Url.Decode(jws.GetProperty("protected").GetString()!)).RootElement;
        Assert.Equal(algorithm.ToString(), header.GetProperty("alg").GetString());
        Assert.Equal("n1", header.GetProperty("nonce").GetString());
        Assert.Equal(url.AbsoluteUri, header.GetProperty("url").GetString());
        Assert.False(header.TryGetProperty("kid", out _));
        Assert.True(Verify(header.GetProperty("jwk"), algorithm, jws));
    }

    [Fact]
    public void A_request_with_a_kid_carries_no_JWK_and_POST_as_GET_has_an_empty_payload()
    {
        using var key = AccountKey.Generate();

        var jws = JsonDocument.Parse(JwsEncoder.Sign(key, new Uri("https://ca.test/order/1"), "n", new Uri("https://ca.test/acct/1"), null)).RootElement;

        var header = JsonDocument.Parse(Base64Url.Decode(jws.GetProperty("protected").GetString()!)).RootElement;
        Assert.Equal("https://ca.test/acct/1", header.GetProperty("kid").GetString());
        Assert.False(header.TryGetProperty("jwk", out _));
        Assert.Equal(string.Empty, jws.GetProperty("payload").GetString());
    }

    [Fact]
    public void The_external_account_binding_is_an_HS256_JWS_over_the_account_JWK()
    {
        using var key = AccountKey.Generate();
        var macKey = RandomNumberGenerator.GetBytes(32);

        var jws = JsonDocument.Parse(JwsEncoder.SignExternalAccountBinding(key, "kid-1", macKey, new Uri("https://ca.test/new-acct"))).RootElement;

        var protectedPart = jws.GetProperty("protected").GetString()!;
        var payloadPart = jws.GetProperty("payload").GetString()!;
        var header = JsonDocument.Parse(Base64Url.Decode(protectedPart)).RootElement;
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("kid-1", header.GetProperty("kid").GetString());
        Assert.Equal("https://ca.test/new-acct", header.GetProperty("url").GetString());
        Assert.False(header.TryGetProperty("nonce", out _));
        Assert.Equal(key.JwkJson, Encoding.UTF8.GetString(Base64Url.Decode(payloadPart)));
        var expected = HMACSHA256.HashData(macKey, Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        Assert.Equal(Base64Url.Encode(expected), jws.GetProperty("signature").GetString());
    }

    [Fact]
    public void Account_keys_round_trip_through_PEM_and_never_print_private_material()
    {
        using var key = AccountKey.Generate(AccountKeyAlgorithm.ES384);

        using var restored = AccountKey.FromPem(key.ExportPem());

        Assert.Equal(key.JwkJson, restored.JwkJson);
        Assert.DoesNotContain("PRIVATE", key.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AccountKey.GenerateRsa(1024));
    }

    private static bool Verify(JsonElement jwk, AccountKeyAlgorithm algorithm, JsonElement jws)
    {
        var input = Encoding.ASCII.GetBytes(jws.GetProperty("protected").GetString() + "." + jws.GetProperty("payload").GetString());
        var signature = Base64Url.Decode(jws.GetProperty("signature").GetString()!);
        if (algorithm == AccountKeyAlgorithm.RS256)
        {
            using var rsa = RSA.Create(new RSAParameters
            {
                Modulus = Base64Url.Decode(jwk.GetProperty("n").GetString()!),
                Exponent = Base64Url.Decode(jwk.GetProperty("e").GetString()!),
            });
            return rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var curve = algorithm == AccountKeyAlgorithm.ES256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = Base64Url.Decode(jwk.GetProperty("x").GetString()!), Y = Base64Url.Decode(jwk.GetProperty("y").GetString()!) },
        });
        var hash = algorithm == AccountKeyAlgorithm.ES256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384;
        return ecdsa.VerifyData(input, signature, hash);
    }
}
