using System.Net;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;

namespace CertFunctions.Core.Tests.Kubernetes.Access;

public sealed class KubernetesErrorsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.Conflict, true)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Api_errors_are_transient_only_when_a_retry_can_help(HttpStatusCode? status, bool transient)
    {
        Assert.Equal(transient, KubernetesApiUnavailableException.IsTransientStatus(status));
    }

    [Fact]
    public void Typed_errors_say_whether_to_retry()
    {
        var certificate = new CertificateRef("prod", "apps", "web");

        Assert.True(new KubernetesConflictException("Ingress apps/web", 5).IsTransient);
        Assert.IsAssignableFrom<TransientKubernetesException>(new KubernetesConflictException("Ingress apps/web", 5));
        Assert.IsAssignableFrom<PermanentKubernetesException>(new IngressNotFoundException(certificate));
        Assert.IsAssignableFrom<PermanentKubernetesException>(new SecretNotOwnedException("apps", "web-tls"));
        Assert.IsAssignableFrom<PermanentKubernetesException>(new UnknownClusterException("dev", ["prod"]));
        Assert.IsAssignableFrom<PermanentKubernetesException>(new InvalidIngressConfigurationException("x"));
        Assert.IsAssignableFrom<PermanentKubernetesException>(new ResponderServiceMissingException("apps", "certfunctions-responder"));
        Assert.Contains("certfunctions.io/adopt-secret", new SecretNotOwnedException("apps", "web-tls").Message);
        Assert.Contains("Challenge:ResponderExternalName", new ResponderServiceMissingException("apps", "r").Message);
    }
}
