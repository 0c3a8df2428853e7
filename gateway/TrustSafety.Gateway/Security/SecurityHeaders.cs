namespace TrustSafety.Gateway.Security;

public static class SecurityHeaders
{
    /// <summary>Headers for the dashboard and API: no framing, no referrer leaks, a strict CSP; HSTS only over TLS.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            h.XFrameOptions = "DENY";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                      "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            if (http.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
        await next();
    });
}
