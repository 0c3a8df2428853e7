using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;
using TrustSafety.FilteringIngest.Receiving;
using static Microsoft.Playwright.Assertions;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// What a newcomer does in the browser alone (README, "The dashboard"): connect a vendor and see its first event,
/// register and assign a device, record a parent's consent and ask "may I publish?". Each test uses names of its own,
/// so the seeded figures <see cref="WhatEachRoleSees"/> checks stay as seeded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SettingUpInTheBrowser(DashboardFixture fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions Arrival = new() { Timeout = 60_000 };

    [Fact]
    public async Task school_it_admin_registers_a_vendor_source_sees_its_secret_once_and_its_first_event_then_rotates_the_secret()
    {
        var name = "Blakehill Smoothwall " + Guid.NewGuid().ToString("N")[..6];
        await using var browser = await BrowserSession.SignInAsync(fixture, "it.blakehill");
        var page = browser.Page;
        await browser.GoAsync("#/sources");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("POST /api");

        await page.GetByText("Register a vendor source", new() { Exact = true }).ClickAsync();
        var register = page.GetByRole(AriaRole.Form, new() { Name = "Register a vendor source" });
        (await register.GetByLabel("School URN").CountAsync()).ShouldBe(0, "a school's IT admin registers for their own school only");

        // Nothing chosen: each missing answer is named beside its field, and nothing is registered.
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the source" }).ClickAsync();
        await Expect(register.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(register.GetByLabel("Source name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(register.Locator("#source-format-error")).ToContainTextAsync("Choose the format your vendor sends");
        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "source-name");

        await register.GetByLabel("Source name").FillAsync(name);
        await register.GetByLabel("Vendor format").SelectOptionAsync("canonical-json");
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the source" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} is registered." })).ToBeVisibleAsync();
        var secret = await page.GetByLabel("Signing secret").InputValueAsync();
        secret.ShouldStartWith("whsec_");
        var url = await page.GetByLabel("Webhook address").InputValueAsync();
        url.ShouldStartWith(fixture.Gateway.Address + "api/filtering-ingest/webhooks/");
        await Expect(page.Locator("pre.example")).ToContainTextAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the secret" }).ClickAsync();
        await Expect(page.Locator(".secret-panel [role=status]").First).ToContainTextAsync("secret");
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name }) });
        await Expect(row.Locator(".badge")).ToHaveTextAsync("no data yet");

        using var admin = await fixture.ApiFor("it.blakehill");
        var sources = await admin.GetFromJsonAsync<JsonElement>("api/filtering-ingest/sources");
        var registered = sources.EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        registered.GetProperty("schoolUrn").GetString().ShouldBe("141001");
        var sourceId = registered.GetProperty("id").GetGuid();
        url.ShouldEndWith($"/webhooks/{sourceId}");

        // The vendor signs with the secret the page showed; the page sees the first event arrive without a reload.
        (await SendSignedAsync(url, secret)).ShouldBe(HttpStatusCode.Accepted);
        await Expect(page.Locator(".first-event")).ToContainTextAsync("First event received", Arrival);
        await Expect(page.Locator(".first-event")).ToContainTextAsync("1 accepted");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("healthy");
        await browser.ScreenshotAsync("it-admin-source-registered-first-event");

        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored the secret: hide it" }).ClickAsync();
        await Expect(page.Locator(".secret-panel")).ToHaveCountAsync(0);
        await Expect(page.Locator(".flash")).ToContainTextAsync("cannot be shown again");

        await page.GetByText("Rotate a source's secret", new() { Exact = true }).ClickAsync();
        var rotate = page.GetByRole(AriaRole.Form, new() { Name = "Rotate a source's secret" });
        await rotate.GetByLabel("Source").SelectOptionAsync(new SelectOptionValue { Label = name });
        await rotate.GetByLabel("Old secret keeps working for").SelectOptionAsync(new SelectOptionValue { Label = "1 hour" });
        await rotate.GetByRole(AriaRole.Button, new() { Name = "Rotate the secret" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} has a new secret." })).ToBeVisibleAsync();
        var rotated = await page.GetByLabel("Signing secret").InputValueAsync();
        rotated.ShouldStartWith("whsec_");
        rotated.ShouldNotBe(secret);
        var after = await admin.GetFromJsonAsync<JsonElement>($"api/filtering-ingest/sources/{sourceId}");
        var validUntil = after.GetProperty("secretsValidUntil").EnumerateArray().ToList();
        validUntil.Count.ShouldBe(2, "old and new secrets overlap");
        validUntil[0].GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
        (await SendSignedAsync(url, rotated)).ShouldBe(HttpStatusCode.Accepted);
        await browser.ScreenshotAsync("it-admin-source-rotated");

        // Another school's admin cannot see it (a trust-wide admin can; nobody else has the page).
        await using (var other = await BrowserSession.SignInAsync(fixture, "dsl.blakehill"))
        {
            (await other.NavLinksAsync()).ShouldNotContain("Ingest sources");
        }
        browser.ShouldHaveNoScriptErrors();
    }

    private static async Task<HttpStatusCode> SendSignedAsync(string url, string secret)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = "dash-" + Guid.NewGuid().ToString("N")[..10],
                activity = new { action = "Blocked" }, classification = new { categoryLabel = "gambling", severity = 2 },
            },
        }));
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, timestamp, body));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
