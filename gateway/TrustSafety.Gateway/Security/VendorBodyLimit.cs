using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace TrustSafety.Gateway.Security;

public sealed class BodyLimitOptions
{
    public const string Section = "Gateway:BodyLimits";

    /// <summary>
    /// Largest vendor webhook or IT-admin upload body the gateway passes to filtering-ingest (5 MB). It must equal
    /// filtering-ingest's <c>Ingest:MaxBodyBytes</c>, so a body is refused at the same size whichever way it comes in;
    /// every other request keeps Kestrel's 1 MB.
    /// </summary>
    public long VendorBodyBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>
/// Raises the body limit on the vendor routes to <see cref="BodyLimitOptions.VendorBodyBytes"/> and answers any 413
/// (announced length over the limit, or a body that grew past it) as problem details naming the limit and the fix.
/// </summary>
public static partial class VendorBodyLimit
{
    [GeneratedRegex(@"^/api/filtering-ingest/(webhooks/|sources/[0-9a-fA-F-]{36}/uploads/?$)", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex VendorRoute();

    public static WebApplicationBuilder AddVendorBodyLimit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BodyLimitOptions>().BindConfiguration(BodyLimitOptions.Section)
            .Validate(o => o.VendorBodyBytes is > 0 and <= 64 * 1024 * 1024, "Gateway:BodyLimits:VendorBodyBytes must be between 1 byte and 64 MB.")
            .ValidateOnStart();
        return builder;
    }

    public static IApplicationBuilder UseVendorBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var vendor = VendorRoute().IsMatch(http.Request.Path.Value ?? "");
        long? limit = vendor ? http.RequestServices.GetRequiredService<IOptions<BodyLimitOptions>>().Value.VendorBodyBytes : null;
        if (limit is { } max)
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
            if (http.Request.ContentLength > max)
            {
                await TooLarge(http, max);
                return;
            }
        }
        await next();
        if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
            await TooLarge(http, limit ?? http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize);
    });

    private static async Task TooLarge(HttpContext http, long? max)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // Do not wait for a body we will not read: the client may still be sending it.
        http.Response.Headers.Connection = "close";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = max is { } bytes
                    ? $"The body may be at most {bytes} bytes here. Send less (split a vendor batch) and resend."
                    : "The body is over this endpoint's size limit. Send less and resend.",
            },
        });
    }
}
