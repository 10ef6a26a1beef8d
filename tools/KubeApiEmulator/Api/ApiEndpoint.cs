using KubeApiEmulator.Admin;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Security;

namespace KubeApiEmulator.Api;

/// <summary>The HTTPS API: health, authentication, discovery, OpenAPI, admin hooks and resources, with errors as Status objects.</summary>
internal sealed partial class ApiEndpoint(
    Authenticator authentication,
    RbacAuthorizer authorizer,
    ResourceHandler resources,
    AdminEndpoints admin,
    AuditLog audit,
    ILogger<ApiEndpoint> logger)
{
    /// <summary>The host:port clients reach the API at (for /api serverAddressByClientCIDRs).</summary>
    public string ServerAddress { get; set; } = "127.0.0.1:443";

    /// <summary>Serves one API request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var path = context.Request.Path.Value ?? "/";
        ApiRequest? request = null;
        RequestAttributes? denied = null;
        try
        {
            if (path is "/healthz" or "/livez" or "/readyz")
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("ok", cancellationToken);
                return;
            }

            var user = authentication.Authenticate(context.Request);
            context.Items[typeof(UserInfo)] = user;
            var attributes = RequestAttributes.From(context.Request);
            var (allowed, reason) = authorizer.Authorize(user, attributes);
            if (!allowed)
            {
                denied = attributes;
                throw ForbiddenStatus.For(user, attributes, reason);
            }

            if (path.StartsWith(AdminEndpoints.Prefix + "/", StringComparison.Ordinal))
            {
                await admin.HandleAsync(context, cancellationToken);
                return;
            }

            if (path == SelfSubjectAccessReviews.Path && context.Request.Method == "POST")
            {
                var review = await RequestBody.ReadObjectAsync(context.Request, cancellationToken);
                await ResponseWriter.WriteAsync(context.Response, 201, SelfSubjectAccessReviews.Review(review, user, authorizer), cancellationToken);
                return;
            }

            if (await TryServeDiscoveryAsync(context, path, cancellationToken))
            {
                return;
            }

            request = ApiRequestParser.Parse(context) ?? throw StatusObjects.PathNotFound();
            await resources.HandleAsync(context, request, cancellationToken);
        }
        catch (StatusException error)
        {
            if (!context.Response.HasStarted)
            {
                await ResponseWriter.WriteStatusAsync(context.Response, error, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NullReferenceException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            // An emulator bug: answer like the real server's panic handler instead of dropping the connection.
            LogInternalError(logger, context.Request.Method, path, ex);
            if (!context.Response.HasStarted)
            {
                await ResponseWriter.WriteStatusAsync(context.Response, new StatusException(500, "InternalError", "Internal error occurred: " + ex.Message), cancellationToken);
            }
        }
        finally
        {
            if (request is not null)
            {
                audit.Record(new AuditEntry(request.Verb, request.Type.Group, request.Type.Plural, request.Subresource, request.Namespace, request.Name, context.Response.StatusCode));
            }
            else if (denied is { IsResourceRequest: true })
            {
                // A denied request never reaches the resource handler; the audit still shows what was refused.
                audit.Record(new AuditEntry(denied.Verb, denied.Group, denied.Resource, denied.Subresource, denied.Namespace, denied.Name, 403));
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                LogRequest(logger, context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, context.Response.StatusCode);
            }
        }
    }

    private async Task<bool> TryServeDiscoveryAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        if (context.Request.Method != "GET")
        {
            return false;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        System.Text.Json.Nodes.JsonObject? document = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.CoreVersions(ServerAddress),
            ["apis"] => DiscoveryDocuments.GroupList(),
            ["api", var version] => DiscoveryDocuments.ResourceList(string.Empty, version) ?? throw StatusObjects.PathNotFound(),
            ["apis", var group] => DiscoveryDocuments.GroupDocument(group) ?? throw StatusObjects.PathNotFound(),
            ["apis", var group, var version] => DiscoveryDocuments.ResourceList(group, version) ?? throw StatusObjects.PathNotFound(),
            ["openapi", "v3"] => OpenApiDocuments.Root(),
            ["openapi", "v3", .. var rest] => OpenApiDocuments.GroupVersion(string.Join('/', rest)) ?? throw StatusObjects.PathNotFound(),
            ["openapi", "v2"] => throw StatusObjects.PathNotFound(),
            _ => null,
        };
        if (document is null)
        {
            return false;
        }

        await ResponseWriter.WriteAsync(context.Response, 200, document, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "api {Method} {Path} failed inside the emulator")]
    private static partial void LogInternalError(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "api {Method} {Path}{Query} -> {StatusCode}")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query, int statusCode);
}
