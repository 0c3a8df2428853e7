using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.Reference;
using TrustSafety.FilteringIngest.ReceivingWebhooks;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.EndToEnd;

/// <summary>
/// The DSL's morning as it happens: identity, consent (the roster), filtering-ingest, device-register, incident and
/// notifications on loopback ports behind the real gateway, one RabbitMQ virtual host, the school's relay a real SMTP server.
/// </summary>
public sealed class AlertPlatform : IAsyncLifetime
{
    private readonly Owned _owned = new();
    public IdentityServer Identity { get; private set; } = null!;
    public Mailbox Mailbox { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> Gateway { get; private set; } = null!;
    public ServiceHost<TrustSafety.Incident.EntryPoint> Incident { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        var vhost = Own(await TestVirtualHost.CreateAsync());
        Mailbox = Own(Mailbox.Start());

        var incident = Incident = Own(new ServiceHost<TrustSafety.Incident.EntryPoint>(await SettingsFor("incident", vhost), listen: true));
        var consent = Own(new ServiceHost<TrustSafety.Consent.EntryPoint>(await SettingsFor("consent", vhost), listen: true));
        var devices = Own(new ServiceHost<TrustSafety.DeviceRegister.EntryPoint>(await SettingsFor("device-register", vhost), listen: true));
        var ingestSettings = await SettingsFor("filtering-ingest", vhost);
        ingestSettings["Ingest:DeviceRegisterUrl"] = devices.Address.ToString();
        ingestSettings["Ingest:Syslog:TcpPort"] = "-1";
        ingestSettings["Ingest:Syslog:UdpPort"] = "-1";
        var ingest = Own(new ServiceHost<TrustSafety.FilteringIngest.EntryPoint>(ingestSettings, listen: true));
        var notifySettings = await SettingsFor("notifications", vhost);
        notifySettings["Notifications:Smtp:Port"] = Mailbox.Port.ToString();
        notifySettings["Notifications:Delivery:PollInterval"] = "00:00:00.200";
        var notifications = Own(new ServiceHost<EntryPoint>(notifySettings, listen: true));

        Gateway = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = Identity.Issuer,
            ["ReverseProxy:Clusters:incident:Destinations:d1:Address"] = incident.Address.ToString(),
            ["ReverseProxy:Clusters:consent:Destinations:d1:Address"] = consent.Address.ToString(),
            ["ReverseProxy:Clusters:device-register:Destinations:d1:Address"] = devices.Address.ToString(),
            ["ReverseProxy:Clusters:filtering-ingest:Destinations:d1:Address"] = ingest.Address.ToString(),
            ["ReverseProxy:Clusters:notifications:Destinations:d1:Address"] = notifications.Address.ToString(),
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = Identity.Issuer,
        }, listen: true));
    }

    private async Task<Dictionary<string, string?>> SettingsFor(string service, TestVirtualHost vhost) =>
        await PlatformSettings.ForAsync(Own(await TestDatabase.CreateAsync(service.Replace('-', '_'))), vhost, Identity, service);

    public async Task<HttpClient> ClientFor(string? user)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address, Timeout = TimeSpan.FromSeconds(60) };
        return user is null ? client : await Identity.ClientForAsync(user, client);
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

public sealed class AlertToEmailThroughTheGateway(AlertPlatform platform) : IClassFixture<AlertPlatform>
{
    [Fact]
    public async Task a_vendors_signed_self_harm_alert_opens_a_concern_and_emails_the_dsl_within_seconds_without_naming_the_pupil()
    {
        using var dsl = await platform.ClientFor("dsl.blakehill");
        (await dsl.PutAsJsonAsync("/api/notifications/preferences", new { email = "dsl@blakehill.example" })).EnsureSuccessStatusCode();
        using var admin = await platform.ClientFor("it.blakehill");
        var created = await (await admin.PostAsJsonAsync("/api/filtering-ingest/sources",
            new { name = "Blakehill web filter", format = "canonical-json" })).Content.ReadFromJsonAsync<JsonElement>();
        var source = created.GetProperty("source").GetProperty("id").GetString();
        var secret = created.GetProperty("secret").GetString()!;

        const string pupil = "pupil-417-jsmith";
        const string search = "how to hurt myself without anyone knowing";
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = "sw-" + Guid.NewGuid().ToString("N"),
                subject = new { user = pupil }, device = new { ip = "10.1.4.23" },
                activity = new { action = "Blocked", searchTerm = search },
                classification = new { categoryLabel = "self-harm", severity = 4 },
            },
        }));
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var vendor = await platform.ClientFor(null);
        using var webhook = new HttpRequestMessage(HttpMethod.Post, $"/api/filtering-ingest/webhooks/{source}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        webhook.Headers.Add("webhook-id", id);
        webhook.Headers.Add("webhook-timestamp", ts.ToString());
        webhook.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, ts, body));
        var sentAt = DateTime.UtcNow;
        (await vendor.SendAsync(webhook)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var email = (await Eventually.Returns(() => Task.FromResult(platform.Mailbox.Received
                .Where(m => m.To.Mailboxes.Any(a => a.Address == "dsl@blakehill.example")).ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(60), "the DSL's email on the SMTP server"))[0];
        var seconds = (DateTime.UtcNow - sentAt).TotalSeconds;
        using (var raw = new MemoryStream())
        {
            await email.WriteToAsync(raw);
            var text = Encoding.UTF8.GetString(raw.ToArray());
            foreach (var secretDetail in new[] { pupil, "jsmith", search, "self-harm", "10.1.4.23" })
                text.ShouldNotContain(secretDetail, Case.Insensitive, $"the email names case detail: {secretDetail}");
        }
        email.Subject!.ShouldContain("immediate attention");

        // The concern the alert opened is the DSL's to triage; the centre links to it.
        var concern = await Eventually.Returns(async () =>
        {
            var centre = await dsl.GetFromJsonAsync<JsonElement>("/api/notifications/notifications?pageSize=50");
            return centre.GetProperty("items").EnumerateArray().FirstOrDefault(n => n.GetProperty("kind").GetString() == "concern-reported");
        }, n => n.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60), "the concern in the DSL's notification centre");
        var incidentId = concern.GetProperty("link").GetString()!.Split("#/incidents/")[1];
        var incident = await dsl.GetFromJsonAsync<JsonElement>($"/api/incident/incidents/{incidentId}");
        incident.GetProperty("source").GetString().ShouldBe("filter-alert");
        // One email for one thing: the alert's; the concern it opened is in-app only.
        platform.Mailbox.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == "dsl@blakehill.example")).ShouldBe(1);
        Console.WriteLine($"vendor webhook -> DSL email: {seconds:F1} s");
    }

    /// <summary>
    /// Issue 14's Done-when as one journey, at Wodensfield (so the Blakehill test above keeps its one email): the school's
    /// MIS export names the pupil and their sign-in account → the vendor's signed self-harm alert for that account → a
    /// concern naming that pupil to the DSL → an email on the real SMTP server, with no name in it → the DSL takes the
    /// concern from the top of the triage queue and triages it, and it leaves the queue.
    /// </summary>
    [Fact]
    public async Task a_self_harm_alert_for_a_rostered_pupils_account_names_the_pupil_to_the_dsl_emails_without_the_name_and_is_triaged_from_the_queue()
    {
        const string school = "141005";
        var account = $"t.adeyemi.{Guid.NewGuid():N}"[..24] + "@wodensfield.sch.uk";
        using var dsl = await platform.ClientFor("dsl.wodensfield");
        (await dsl.PutAsJsonAsync("/api/notifications/preferences", new { email = "dsl@wodensfield.example" })).EnsureSuccessStatusCode();

        // The roster from the school's SIMS export: the pupil by name, with the sign-in account the filter sees.
        var sims = $"""
            Adno,UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,DOB,Year,Reg,Admission Date,Leaving Date,Email Address,Username
            005101,D820005120010,Adeyemi,Temitope,,Tope,14/03/2014,Year 6,6W,03/09/2019,,{account},
            005102,R820005120020,Lindqvist,Freya,,,02/11/2015,Year 5,5W,04/09/2020,,f.lindqvist@wodensfield.sch.uk,
            """;
        using (var imported = await dsl.PostAsync("/api/consent/roster/imports", new StringContent(sims, Encoding.UTF8, "text/csv")))
            imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var pupilId = (await dsl.GetFromJsonAsync<JsonElement>("/api/consent/pupils?search=adeyemi"))
            .GetProperty("pupils").EnumerateArray().ShouldHaveSingleItem().GetProperty("pupilId").GetString()!;
        // The roster's account travels consent → RabbitMQ → incident; the alert must not overtake it.
        await Eventually.True(async () =>
        {
            await using var session = platform.Incident.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(school);
            return await session.LoadAsync<TrustSafety.Incident.KnowingTheRoster.AccountOwner>(SignInAccountRef.Of(account)!) is { PersonId: var p } && p == pupilId;
        }, TimeSpan.FromSeconds(60), "incident knows whose account it is");

        using var admin = await platform.ClientFor("it.admin");
        var created = await (await admin.PostAsJsonAsync("/api/filtering-ingest/sources",
            new { name = "Wodensfield monitoring", format = "canonical-json", schoolUrn = school, timeZone = "Europe/London" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var source = created.GetProperty("source").GetProperty("id").GetString();
        const string search = "ways to end it all tonight";
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = "sw-" + Guid.NewGuid().ToString("N"),
                subject = new { user = account }, device = new { ip = "10.5.1.40" },
                activity = new { action = "Blocked", searchTerm = search },
                classification = new { categoryLabel = "self-harm", severity = 4 },
            },
        }));
        var sentAt = DateTime.UtcNow;
        using var vendor = await platform.ClientFor(null);
        (await vendor.SendAsync(Signed(source!, created.GetProperty("secret").GetString()!, body))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The email: on the real SMTP server within seconds, saying only that something needs attention.
        var email = (await Eventually.Returns(() => Task.FromResult(platform.Mailbox.Received
                .Where(m => m.To.Mailboxes.Any(a => a.Address == "dsl@wodensfield.example")).ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(60), "the Wodensfield DSL's email on the SMTP server"))[0];
        var seconds = (DateTime.UtcNow - sentAt).TotalSeconds;
        email.Subject!.ShouldContain("immediate attention");
        var text = Everything(email);
        text.ShouldContain("Wodensfield Primary");
        foreach (var secretDetail in new[] { "Adeyemi", "Temitope", "Tope", account, pupilId, search, "self-harm", "10.5.1.40" })
            text.ShouldNotContain(secretDetail, Case.Insensitive, $"the email names case detail: {secretDetail}");

        // The DSL's triage queue (the landing page's "Needs your attention" reads exactly this): the concern is on top.
        var queued = await Eventually.Returns(async () =>
                (await dsl.GetFromJsonAsync<JsonElement>("/api/incident/incidents?status=reported&sort=risk&pageSize=10"))
                .GetProperty("items").EnumerateArray().ToList(),
            items => items.Count > 0, TimeSpan.FromSeconds(60), "the concern in the DSL's triage queue");
        var incidentId = queued[0].GetProperty("id").GetGuid();
        using var read = await dsl.GetAsync($"/api/incident/incidents/{incidentId}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var incident = await read.Content.ReadFromJsonAsync<JsonElement>();
        incident.GetProperty("source").GetString().ShouldBe("filter-alert");
        incident.GetProperty("suggestedCategory").GetString().ShouldBe("self-harm-suicide-eating-disorder");
        incident.GetProperty("filterAlert").GetProperty("searchTerm").GetString().ShouldBe(search);
        // The concern names the pupil: the roster's pupil, shown to the DSL by name from consent's roster.
        var person = incident.GetProperty("people").EnumerateArray().ShouldHaveSingleItem();
        person.GetProperty("pupilId").GetString().ShouldBe(pupilId);
        (await dsl.GetFromJsonAsync<JsonElement>($"/api/consent/pupils?id={pupilId}")).GetProperty("pupils").EnumerateArray()
            .ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe("Tope Adeyemi");

        using var triage = new HttpRequestMessage(HttpMethod.Post, $"/api/incident/incidents/{incidentId}/triage")
        {
            Content = JsonContent.Create(new
            {
                illegal = false, category = "self-harm-suicide-eating-disorder", fourC = "content", severity = 4,
                handlerId = "dsl.wodensfield", handlerName = "DSL, Wodensfield Primary",
                rationale = "Searches suggest suicidal thoughts: speak to the pupil today, inform parents, consider CAMHS.",
            }),
        };
        triage.Headers.IfMatch.Add(read.Headers.ETag!);
        using (var triaged = await dsl.SendAsync(triage))
            triaged.StatusCode.ShouldBe(HttpStatusCode.OK, await triaged.Content.ReadAsStringAsync());
        (await dsl.GetFromJsonAsync<JsonElement>("/api/incident/incidents?status=reported&sort=risk&pageSize=10"))
            .GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == incidentId);
        // Another school's DSL learns nothing of it.
        using var other = await platform.ClientFor("dsl.caldecote");
        (await other.GetAsync($"/api/incident/incidents/{incidentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/consent/pupils/{pupilId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Console.WriteLine($"vendor webhook -> Wodensfield DSL email: {seconds:F1} s");
    }

    /// <summary>
    /// Issue 15.3 end to end, at Caldecote: the DSL flags a child in immediate danger through the gateway and the
    /// safeguarding team (DSL and deputy) get the most urgent email at once, with a link and no pupil's name.
    /// </summary>
    [Fact]
    public async Task flagging_immediate_danger_emails_the_safeguarding_team_at_once_with_no_pupil_name()
    {
        using var dsl = await platform.ClientFor("dsl.caldecote");
        using var deputy = await platform.ClientFor("deputy.caldecote");
        (await dsl.PutAsJsonAsync("/api/notifications/preferences", new { email = "dsl@caldecote.example" })).EnsureSuccessStatusCode();
        (await deputy.PutAsJsonAsync("/api/notifications/preferences", new { email = "deputy@caldecote.example", deputyCover = "Always" }))
            .EnsureSuccessStatusCode();
        const string pupil = "P-CAL-DANGER-1";
        const string what = "Pupil Jamie Rowe says a man from an online game is waiting outside school to meet them.";
        using var reported = await dsl.PostAsJsonAsync("/api/incident/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddMinutes(-10), whatHappened = what,
            where = new { site = "off-site", device = "personal-device" }, howItCameToLight = "Pupil told the office",
            people = new[] { new { role = "child-victim", pupilId = pupil } }, suggestedCategory = "grooming-exploitation",
        });
        reported.StatusCode.ShouldBe(HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());
        var id = (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var current = await dsl.GetAsync($"/api/incident/incidents/{id}");
        using var flag = new HttpRequestMessage(HttpMethod.Post, $"/api/incident/incidents/{id}/immediate-danger")
        {
            Content = JsonContent.Create(new { emergencyServicesCalled = false, rationale = "An adult stranger is waiting for Jamie Rowe at the gate." }),
        };
        flag.Headers.IfMatch.Add(current.Headers.ETag!);
        var flaggedAt = DateTime.UtcNow;
        using (var flagged = await dsl.SendAsync(flag))
            flagged.StatusCode.ShouldBe(HttpStatusCode.OK, await flagged.Content.ReadAsStringAsync());

        var link = $"#/incidents/{id}";
        foreach (var address in new[] { "dsl@caldecote.example", "deputy@caldecote.example" })
        {
            var email = (await Eventually.Returns(() => Task.FromResult(platform.Mailbox.Received
                    .Where(m => m.To.Mailboxes.Any(a => a.Address == address) && m.Subject!.Contains("immediate attention")
                        && Everything(m).Contains(link)).ToList()),
                m => m.Count > 0, TimeSpan.FromSeconds(60), $"the immediate-danger email to {address}")).ShouldHaveSingleItem();
            var text = Everything(email);
            text.ShouldContain("Immediate: please look now");
            text.ShouldContain("Caldecote Primary");
            foreach (var secretDetail in new[] { "Jamie", "Rowe", pupil, "stranger", "gate", "grooming" })
                text.ShouldNotContain(secretDetail, Case.Insensitive, $"the email names case detail: {secretDetail}");
        }
        Console.WriteLine($"immediate danger flagged -> both emails: {(DateTime.UtcNow - flaggedAt).TotalSeconds:F1} s");
    }

    private static HttpRequestMessage Signed(string source, string secret, byte[] body)
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var webhook = new HttpRequestMessage(HttpMethod.Post, $"/api/filtering-ingest/webhooks/{source}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        webhook.Headers.Add("webhook-id", id);
        webhook.Headers.Add("webhook-timestamp", ts.ToString());
        webhook.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, ts, body));
        return webhook;
    }

    private static string Everything(MimeMessage message)
    {
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        return Encoding.UTF8.GetString(raw.ToArray());
    }
}
