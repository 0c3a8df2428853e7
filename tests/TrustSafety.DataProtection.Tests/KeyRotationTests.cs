using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Testing;

namespace TrustSafety.DataProtection.Tests;

/// <summary>
/// Issue 18: the key-encryption key (KEK) that wraps every data key can be rotated. Data keys record which KEK wrapped
/// them; a replica given the new KEK and the previous one reads everything; the daemon leader re-wraps each data key
/// under the new KEK (never re-encrypting sealed data, never bringing back a key erasure destroyed); then the previous
/// KEK can be dropped. A replica missing a KEK that still wraps keys is not ready.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private static readonly string OldKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static string OldId => KeyEncryptionKeys.IdOf(Convert.FromBase64String(OldKek));
    private static string NewId => KeyEncryptionKeys.IdOf(Convert.FromBase64String(NewKek));

    private readonly List<IAsyncDisposable> _hosts = [];
    private IdentityServer _identity = null!;
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;

    public async Task InitializeAsync()
    {
        _identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("kek_rotation");
        _vhost = await TestVirtualHost.CreateAsync();
    }

    private async Task<WebApplicationFactory<Incident.EntryPoint>> IncidentWith(string current, string[] previous, bool daemon)
    {
        var settings = await PlatformSettings.ForAsync(_db, _vhost, _identity, "incident");
        settings["DataProtection:KeyEncryptionKey"] = current;
        for (var i = 0; i < previous.Length; i++) settings[$"DataProtection:PreviousKeyEncryptionKeys:{i}"] = previous[i];
        settings["Daemon:Enabled"] = daemon ? "true" : "false";
        settings["DataProtection:RewrapInterval"] = "00:00:01";
        var host = new ServiceHost<Incident.EntryPoint>(settings);
        _hosts.Add(host);
        return host;
    }

    private static object Concern(string pupil, string name) => new
    {
        happenedAt = DateTimeOffset.UtcNow.AddHours(-2),
        whatHappened = $"{name} was sent threatening voice notes",
        where = new { site = "off-site", device = "personal-device", detail = "at the bus stop" },
        howItCameToLight = "Disclosure to form tutor",
        people = new object[] { new { role = "child-victim", pupilId = pupil, name, dateOfBirth = "2012-03-04" } },
    };

    private async Task<Guid> ReportAsync(WebApplicationFactory<Incident.EntryPoint> host, string pupil, string name)
    {
        using var staff = await _identity.ClientForAsync("staff.blakehill", host.CreateClient());
        using var created = await staff.PostAsJsonAsync("/incidents", Concern(pupil, name));
        return (await created.ReadOk()).GetProperty("id").GetGuid();
    }

    private async Task<string?> NameOnAsync(WebApplicationFactory<Incident.EntryPoint> host, Guid id)
    {
        using var dsl = await _identity.ClientForAsync("dsl.blakehill", host.CreateClient());
        var read = await (await dsl.GetAsync($"/incidents/{id}")).ReadOk();
        return read.GetProperty("people")[0].GetProperty("name").GetString();
    }

    /// <summary>KEK id per live (not erased) data key, and how many keys were erased.</summary>
    private async Task<(Dictionary<string, int> ByKek, int Erased)> KeysAsync()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(data->>'KekId', '(none)'), data->>'WrappedKey' is null from incident.mt_doc_persondatakey", connection);
        var byKek = new Dictionary<string, int>();
        var erased = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetBoolean(1)) { erased++; continue; }
            byKek[reader.GetString(0)] = byKek.GetValueOrDefault(reader.GetString(0)) + 1;
        }
        return (byKek, erased);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<HttpStatusCode> ReadinessAsync(WebApplicationFactory<Incident.EntryPoint> host)
    {
        using var client = host.CreateClient();
        using var ready = await client.GetAsync("/health/ready");
        return ready.StatusCode;
    }

    [Fact]
    public async Task a_rotated_kek_reads_everything_rewraps_every_live_key_and_the_old_kek_can_then_be_dropped()
    {
        // Before the rotation: one KEK. Two pupils; one is erased (their key destroyed).
        var before = await IncidentWith(OldKek, [], daemon: false);
        var kept = await ReportAsync(before, "P-KEK-1", "Amelia Stonebridge");
        await ReportAsync(before, "P-KEK-2", "Noah Ashcombe");
        using (var dsl = await _identity.ClientForAsync("dsl.blakehill", before.CreateClient()))
        using (var erased = await dsl.PostAsJsonAsync("/people/P-KEK-2/erase", new { kind = "pupil", reason = "Erasure granted" }))
            await erased.ReadOk();
        var (keys, erasedKeys) = await KeysAsync();
        keys.Keys.ToArray().ShouldBe([OldId], "every data key records the KEK that wrapped it");
        erasedKeys.ShouldBe(1);
        var live = keys[OldId];

        // The rotation: the new KEK is current, the old one previous. Everything still reads, before any re-wrap.
        var during = await IncidentWith(NewKek, [OldKek], daemon: false);
        (await NameOnAsync(during, kept)).ShouldBe("Amelia Stonebridge");
        var fresh = await ReportAsync(during, "P-KEK-3", "Isla Penhallow");
        var mixed = (await KeysAsync()).ByKek;
        mixed[OldId].ShouldBe(live);
        mixed.GetValueOrDefault(NewId).ShouldBeGreaterThan(0, "new data keys are wrapped by the new KEK");
        var created = mixed[NewId];

        var moved = await during.Services.GetRequiredService<KeyRewrap>().RewrapAllAsync(CancellationToken.None);
        moved.ShouldBe(live);
        var (after, erasedAfter) = await KeysAsync();
        after.ShouldBe(new Dictionary<string, int> { [NewId] = live + created }, "every live data key is re-wrapped by the new KEK");
        erasedAfter.ShouldBe(1, "a key destroyed by erasure stays destroyed");
        (await during.Services.GetRequiredService<KeyRewrap>().RewrapAllAsync(CancellationToken.None)).ShouldBe(0, "re-wrapping again moves nothing");

        // After the rotation: the old KEK is dropped and everything still reads.
        var rotated = await IncidentWith(NewKek, [], daemon: false);
        (await NameOnAsync(rotated, kept)).ShouldBe("Amelia Stonebridge");
        (await NameOnAsync(rotated, fresh)).ShouldBe("Isla Penhallow");
        (await ReadinessAsync(rotated)).ShouldBe(HttpStatusCode.OK);

        // A replica given only the old KEK (a wrong secret in a rollout) is not ready, so it takes no traffic.
        var wrongSecret = await IncidentWith(OldKek, [], daemon: false);
        (await ReadinessAsync(wrongSecret)).ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task keys_stored_before_kek_ids_existed_still_read_and_the_daemon_leader_rewraps_them_on_its_own()
    {
        var before = await IncidentWith(OldKek, [], daemon: false);
        var id = await ReportAsync(before, "P-KEK-10", "Freya Tregarthen");
        // As stored by the previous release: no KekId.
        await ExecuteAsync("update incident.mt_doc_persondatakey set data = data - 'KekId'");
        (await KeysAsync()).ByKek.Keys.ToArray().ShouldBe(["(none)"]);

        var leader = await IncidentWith(NewKek, [OldKek], daemon: true);
        (await NameOnAsync(leader, id)).ShouldBe("Freya Tregarthen", "an unrecorded key opens under whichever configured KEK wrapped it");
        var (rewrapped, _) = await Eventually.Returns(KeysAsync, k => k.ByKek.Keys.SequenceEqual([NewId]), TimeSpan.FromSeconds(60),
            "the daemon leader re-wraps the unrecorded keys under the new KEK");
        rewrapped[NewId].ShouldBeGreaterThan(0);
        (await NameOnAsync(await IncidentWith(NewKek, [], daemon: false), id)).ShouldBe("Freya Tregarthen");
    }

    /// <summary>The operator's tool names a KEK (an escrow copy, say) by the same id the data keys record.</summary>
    [Fact]
    public async Task the_kek_tool_computes_the_id_the_service_records()
    {
        var root = Repository.Root;
        using var tool = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "bash", [Path.Combine(root, "tools", "kek.sh"), "id", NewKek]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var printed = (await tool.StandardOutput.ReadToEndAsync()).Trim();
        await tool.WaitForExitAsync();
        tool.ExitCode.ShouldBe(0, await tool.StandardError.ReadToEndAsync());
        printed.ShouldBe(NewId);
        printed.ShouldNotBe(OldId);
    }

    public async Task DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--) await _hosts[i].DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}
