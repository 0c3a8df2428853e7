using Microsoft.AspNetCore.Http.Features;

namespace TrustSafety.Incident.Http;

/// <summary>Endpoints that inspect an oversized or non-JSON body themselves (to refuse and audit uploads).</summary>
public sealed class InspectsUploadsMetadata;

/// <summary>
/// Every endpoint here takes small JSON; this caps bodies at <see cref="MaxBytes"/> whether or not the server
/// (Kestrel or the test server) enforces a per-request limit itself.
/// </summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseSmallJsonBodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var inspects = http.GetEndpoint()?.Metadata.GetMetadata<InspectsUploadsMetadata>() is not null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = inspects ? null : MaxBytes;
        if (!inspects && http.Request.ContentLength > MaxBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"This service accepts JSON bodies of at most {MaxBytes / 1024} KB. Evidence is recorded by reference only.",
                },
            });
            return;
        }
        if (!inspects && http.Request.ContentLength is null) http.Request.Body = new LimitedStream(http.Request.Body, MaxBytes,
            () => new BadHttpRequestException("Request body too large", StatusCodes.Status413PayloadTooLarge));
        await next(http);
    });
}

/// <summary>A request body that throws <paramref name="overLimit"/> once more than <paramref name="limit"/> bytes are read.</summary>
internal sealed class LimitedStream(Stream inner, long limit, Func<Exception> overLimit) : Stream
{
    private long _read;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Count(await inner.ReadAsync(buffer, ct));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw overLimit() : read;
    }
}
