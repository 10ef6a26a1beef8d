using KubeApiEmulator.Security;

namespace KubeApiEmulator.Tests.Unit;

/// <summary>The tokens file in kube-apiserver's --token-auth-file format.</summary>
public sealed class StaticTokensTests
{
    [Fact]
    public void Each_line_names_token_user_uid_and_quoted_groups_plus_system_authenticated()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# users\nt1,alice,1001,\"dev,ops\"\nt2,bob,1002\n");

            var tokens = StaticTokens.Load(path);

            Assert.Equal(new UserInfo("alice", "1001", ["dev", "ops", "system:authenticated"]).Groups, tokens["t1"].Groups);
            Assert.Equal("alice", tokens["t1"].Name);
            Assert.Equal(["system:authenticated"], tokens["t2"].Groups);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
