namespace TrustSafety.Identity.Hosting;

/// <summary>What identity says about itself in response headers: nothing about its software, nothing cacheable.</summary>
internal static class ResponseHeaders
{
    public static void HideServerSoftware(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

    /// <summary>Tokens, sign-in pages and the staff list must never be kept by a browser or proxy cache.</summary>
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        await next(http);
    });
}
