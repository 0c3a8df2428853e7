using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace TrustSafety.Reporting.PrintingGovernorPack;

/// <summary>Prints HTML to PDF with the headless Chromium already on the machine (no browser download).</summary>
public sealed partial class PdfPrinter(IOptions<ReportingOptions> options, ILogger<PdfPrinter> logger)
{
    public async Task<byte[]> Print(string html, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("ts-pack-");
        try
        {
            var input = Path.Combine(folder.FullName, "pack.html");
            var output = Path.Combine(folder.FullName, "pack.pdf");
            await File.WriteAllTextAsync(input, html, ct);
            var start = new ProcessStartInfo(options.Value.ChromiumPath)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                    $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
                },
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PdfTimeout);
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(true); throw; }
            if (!File.Exists(output))
            {
                LogPrintFailed(logger, process.ExitCode, await stderr);
                throw new InvalidOperationException("Chromium produced no PDF.");
            }
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            try { folder.Delete(true); } catch (IOException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chromium exited {ExitCode} without a PDF: {Error}")]
    private static partial void LogPrintFailed(ILogger logger, int exitCode, string error);
}
