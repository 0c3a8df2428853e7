using System.Collections.Concurrent;
using System.Diagnostics;

namespace TrustSafety.Consent.Tests;

/// <summary>
/// The chiseled runtime images have no time-zone database. Consent validates <c>Consent:TimeZone</c>
/// (Europe/London) at start and would not start without one; the app carries its own copy (<c>zoneinfo/</c>,
/// TimeZoneData in services/Telemetry). Here the built consent service runs as a process with <c>TZDIR</c> pointing
/// at an empty folder, so .NET finds no system zones, and must still become ready.
/// </summary>
public sealed class WithoutSystemTimeZones
{
    [Fact]
    public async Task consent_starts_and_resolves_europe_london_when_the_system_has_no_tz_database()
    {
        await using var database = await TestDatabase.CreateAsync("consent");
        await using var vhost = await TestVirtualHost.CreateAsync();
        var rabbit = await TestServers.RabbitAsync();
        var emptyZones = Directory.CreateTempSubdirectory("ts-no-tzdata-");
        var port = FreePort.Next();
        var assembly = ConsentAssembly();
        File.Exists(Path.Combine(Path.GetDirectoryName(assembly)!, "zoneinfo", "Europe", "London"))
            .ShouldBeTrue("the build puts zoneinfo/ beside the app");

        var start = new ProcessStartInfo("dotnet", $"\"{assembly}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TZDIR"] = emptyZones.FullName;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Postgres"] = database.ConnectionString;
        start.Environment["RabbitMq__Host"] = rabbit.Host;
        start.Environment["RabbitMq__Port"] = rabbit.Port.ToString();
        start.Environment["RabbitMq__Username"] = rabbit.Username;
        start.Environment["RabbitMq__Password"] = rabbit.Password;
        start.Environment["RabbitMq__VirtualHost"] = vhost.Name;
        start.Environment["RabbitMq__EndpointPrefix"] = vhost.EndpointPrefix is null ? "consent" : $"{vhost.EndpointPrefix}-consent";
        start.Environment["Authentication__Authority"] = "http://127.0.0.1:9/";
        start.Environment["Authentication__RequireHttpsMetadata"] = "false";
        start.Environment["Consent__TimeZone"] = "Europe/London";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        await using var child = FixtureProcess.Start(start);
        var output = new ConcurrentQueue<string>();
        child.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        child.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.True(async () =>
            {
                if (child.Process.HasExited) throw new InvalidOperationException(
                    $"consent exited with code {child.Process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(40))}");
                try { return (await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
            }, TimeSpan.FromSeconds(90), "consent ready without a system time-zone database");
        }
        finally
        {
            emptyZones.Delete(recursive: true);
        }
    }

    private static string ConsentAssembly()
    {
        var path = Repository.PathOf("services", "consent", "bin", Repository.Configuration, "net10.0", "TrustSafety.Consent.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the consent service first", path);
    }
}
