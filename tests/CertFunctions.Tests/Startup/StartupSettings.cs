namespace CertFunctions.Tests.Startup;

/// <summary>Command-line settings both hosts start with in the start-up tests: the sample's shape, an inline kubeconfig.</summary>
internal static class StartupSettings
{
    private const string Kubeconfig =
        "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:6443'}}]\n" +
        "contexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\n";

    /// <summary>The local host's arguments, plus what the Functions host hands its worker (where to reach the host over gRPC).</summary>
    public static string[] FunctionsWorkerArguments(string environment) =>
    [
        .. Arguments(environment),
        "--Functions:Worker:HostEndpoint=http://127.0.0.1:1",
        "--Functions:Worker:WorkerId=startup-test",
        "--Functions:Worker:RequestId=startup-test",
        "--Functions:Worker:GrpcMaxMessageLength=2147483647",
    ];

    /// <summary>Arguments for a host in <paramref name="environment"/>.</summary>
    public static string[] Arguments(string environment) =>
    [
        "--environment", environment,
        "--AzureWebJobsStorage=UseDevelopmentStorage=true",
        "--Acme:DirectoryUrl=https://acme-staging-v02.api.letsencrypt.org/directory",
        "--Acme:Email=ops@example.test",
        "--Kubernetes:Clusters:default:Kubeconfig=" + Kubeconfig,
        "--Challenge:ResponderServiceName=certfunctions-responder",
        "--Challenge:ResponderServicePort=80",
    ];
}
