namespace TrustSafety.Security.Tests.Matrix;

/// <summary>
/// One request per endpoint through the gateway. Placeholders in braces are resolved per cell by
/// <see cref="MatrixWorld"/>: for the "other school" variant they name a record that exists only in Caldecote.
/// Writes carry a deliberately stale <c>If-Match</c> and a minimal body, so an authorised caller reaches the
/// version or validation check (412/400) and nothing changes; creates carry a valid body (201).
/// </summary>
public sealed record Endpoint(string Service, string Verb, string Path, Body Body = Body.None, bool Stale = false)
{
    public string Key => $"{Verb} {Path}";
    /// <summary>Whether the endpoint names a school's record, so it has an "other school" variant.</summary>
    public bool HasOtherSchool => MatrixWorld.TenantScoped.Any(p => Path.Contains(p, StringComparison.Ordinal));
}

public enum Body { None, Empty, Concern, Grant, Device, Source, Roster, Webhook, Csv, Multipart }

public static class Endpoints
{
    private static Endpoint Get(string service, string path) => new(service, "GET", $"/api/{service}{path}");
    private static Endpoint Post(string service, string path, Body body = Body.Empty, bool stale = false) =>
        new(service, "POST", $"/api/{service}{path}", body, stale);
    private static Endpoint Put(string service, string path, bool stale = false) => new(service, "PUT", $"/api/{service}{path}", Body.Empty, stale);
    private static Endpoint Delete(string service, string path) => new(service, "DELETE", $"/api/{service}{path}");

    /// <summary>Everything behind the gateway that has health, metrics (and, but identity, an OpenAPI document).</summary>
    private static readonly string[] Services = ["incident", "reporting", "device-register", "consent", "filtering-ingest", "identity", "notifications", "governance"];

    public static readonly IReadOnlyList<Endpoint> All =
    [
        // incident (services/incident)
        Post("incident", "/incidents", Body.Concern),
        Get("incident", "/incidents"),
        Get("incident", "/incidents/{incident}"),
        Get("incident", "/incidents/{incident}/access-log"),
        Get("incident", "/pupils/{pupil}/chronology"),
        Post("incident", "/incidents/{incident}/triage", stale: true),
        Post("incident", "/incidents/{incident}/actions/parents-informed", stale: true),
        Post("incident", "/incidents/{incident}/actions/parents-not-informed", stale: true),
        Post("incident", "/incidents/{incident}/actions/sanction", stale: true),
        Post("incident", "/incidents/{incident}/actions/support", stale: true),
        Post("incident", "/incidents/{incident}/actions/device-secured", stale: true),
        Post("incident", "/incidents/{incident}/actions/headteacher-informed", stale: true),
        Post("incident", "/incidents/{incident}/actions/advice-sought", stale: true),
        Post("incident", "/incidents/{incident}/route-steps/{step}/decline", stale: true),
        Post("incident", "/incidents/{incident}/referrals", stale: true),
        Post("incident", "/incidents/{incident}/referrals/{random}/outcome", stale: true),
        Get("incident", "/referrals/overdue"),
        Post("incident", "/incidents/{incident}/close", stale: true),
        Post("incident", "/incidents/{incident}/reopen", stale: true),
        Post("incident", "/incidents/{incident}/evidence", stale: true),
        Post("incident", "/incidents/{incident}/imagery-viewed", stale: true),
        Post("incident", "/incidents/{incident}/imagery-viewing-delegations", stale: true),
        Post("incident", "/incidents/{incident}/imagery-viewing-delegations/{random}/revocation", stale: true),
        Post("incident", "/incidents/{incident}/tasks", stale: true),
        Post("incident", "/incidents/{incident}/tasks/{random}/complete", stale: true),
        Post("incident", "/incidents/{incident}/people/corrections", stale: true),
        Get("incident", "/tasks/mine"),
        Get("incident", "/tasks"),
        Get("incident", "/audit"),
        Post("incident", "/retention/review"),
        Get("incident", "/incidents/{incident}/retention"),
        Post("incident", "/incidents/{incident}/legal-hold"),
        Post("incident", "/incidents/{incident}/legal-hold/release"),
        Post("incident", "/incidents/{incident}/dispose"),
        Post("incident", "/people/{pupil}/erase"),
        Get("incident", "/people/erasures"),
        Get("incident", "/pupils/{pupil}/subject-access"),
        Get("incident", "/reference/categories"),
        Get("incident", "/route-rules"),
        Get("incident", "/route-rules/versions"),
        Get("incident", "/route-rules/{version}"),
        Post("incident", "/route-rules", stale: true),
        Post("incident", "/incidents/{incident}/risk-assessments", stale: true),
        Post("incident", "/incidents/{incident}/immediate-danger", stale: true),
        Post("incident", "/incidents/{incident}/containment/copies-not-needed", stale: true),
        Post("incident", "/incidents/{incident}/containment/{kind}", stale: true),
        Post("incident", "/incidents/{incident}/evidence-files", Body.Multipart, stale: true),
        Get("incident", "/incidents/{incident}/evidence-files/{random}"),
        Get("incident", "/agencies"),
        Put("incident", "/agencies/{agency}", stale: true),
        Delete("incident", "/agencies/{agency}"),
        Post("incident", "/incidents/{incident}/case-links"),
        Get("incident", "/case-links"),
        Get("incident", "/case-links/{random}"),
        Post("incident", "/case-links/{random}/accept", stale: true),
        Post("incident", "/case-links/{random}/decline", stale: true),
        Get("incident", "/trust/case-links"),
        Get("incident", "/pupils/{pupil}/context"),
        Put("incident", "/pupils/{pupil}/context", stale: true),

        // reporting (services/reporting)
        Get("reporting", "/school/summary"),
        Get("reporting", "/school/incidents"),
        Get("reporting", "/trust/summary"),
        Get("reporting", "/trust/overview"),
        Get("reporting", "/trust/training-compliance"),
        Get("reporting", "/trust/vulnerable-learners"),
        Get("reporting", "/it/coverage"),
        Get("reporting", "/packs/school"),
        Get("reporting", "/packs/trust"),
        Get("reporting", "/exports"),
        Post("reporting", "/grants", Body.Grant),
        Get("reporting", "/grants"),
        Delete("reporting", "/grants/{grant}"),
        Get("reporting", "/trust/schools/{urn}/summary"),
        Get("reporting", "/trust/schools/{urn}/incidents"),
        Get("reporting", "/standards"),
        Put("reporting", "/standards/responsibilities"),
        Post("reporting", "/standards/reviews"),
        Post("reporting", "/standards/decisions"),
        Post("reporting", "/standards/unblock-requests"),
        Get("reporting", "/standards/unblock-requests/mine"),
        Post("reporting", "/standards/unblock-requests/{random}/decision", stale: true),
        Get("reporting", "/trust/standards"),

        // device-register (services/device-register)
        Post("device-register", "/devices", Body.Device),
        Post("device-register", "/devices/import", Body.Csv),
        Get("device-register", "/devices"),
        Get("device-register", "/devices/{device}"),
        Post("device-register", "/devices/{device}/assignment", stale: true),
        Post("device-register", "/devices/{device}/return", stale: true),
        Post("device-register", "/devices/{device}/retire", stale: true),
        Post("device-register", "/devices/{device}/missing", stale: true),
        Post("device-register", "/devices/{device}/network-identities", stale: true),
        Post("device-register", "/devices/{device}/network-identities/{random}/end", stale: true),
        Post("device-register", "/devices/{device}/custody", stale: true),
        Get("device-register", "/devices/{device}/custody"),
        Post("device-register", "/custody/personal-phones"),
        Get("device-register", "/aup-signatures/{person}"),
        Get("device-register", "/attribution?ip=10.1.2.3"),
        Get("device-register", "/coverage"),
        Get("device-register", "/identity-conflicts"),
        Post("device-register", "/identity-conflicts/scan"),
        Get("device-register", "/pupils/{pupil}/subject-access"),

        // consent (services/consent)
        Get("consent", "/consent-types"),
        Get("consent", "/consent-types/{code}"),
        Post("consent", "/consent-types"),
        Post("consent", "/consent-types/standard", stale: true),
        Post("consent", "/consent-types/{code}/wordings", stale: true),
        Put("consent", "/consent-types/{code}/settings", stale: true),
        Get("consent", "/consent-types/{code}/opt-outs"),
        Post("consent", "/roster"),
        Post("consent", "/roster/imports", Body.Csv),
        Post("consent", "/roster/staff-accounts", Body.Csv),
        Get("consent", "/pupils"),
        Get("consent", "/pupils/{pupil}"),
        Get("consent", "/pupils/{pupil}/consents"),
        Post("consent", "/pupils/{pupil}/consents/{code}/responses", stale: true),
        Post("consent", "/pupils/{pupil}/consents/{code}/withdrawal", stale: true),
        Get("consent", "/pupils/{pupil}/may-publish"),
        Get("consent", "/pupils/{pupil}/subject-access"),
        Get("consent", "/classes/6B/do-not-photograph"),
        Get("consent", "/coverage"),
        Get("consent", "/retention/due"),
        Post("consent", "/consent-requests"),
        Post("consent", "/renewal-campaigns"),
        Get("consent", "/reminders"),
        Get("consent", "/aups"),
        Get("consent", "/aups/staff"),
        Post("consent", "/aups/staff/versions", stale: true),
        Put("consent", "/aups/staff/people/{person}", stale: true),
        Delete("consent", "/aups/staff/people/{person}"),
        Post("consent", "/aups/staff/signatures", stale: true),
        Post("consent", "/aups/me/signature", stale: true),
        Get("consent", "/aups/staff/signatures/{person}"),
        Get("consent", "/aups/staff/unsigned"),

        // filtering-ingest (services/filtering-ingest)
        Post("filtering-ingest", "/sources", Body.Source),
        Get("filtering-ingest", "/sources"),
        Get("filtering-ingest", "/sources/{source}"),
        Get("filtering-ingest", "/sources/{source}/health"),
        Post("filtering-ingest", "/sources/{fresh-source}/rotate-secret"),
        Post("filtering-ingest", "/sources/{fresh-source}/pause"),
        Post("filtering-ingest", "/sources/{fresh-source}/resume"),
        Post("filtering-ingest", "/sources/{fresh-source}/revoke"),
        Post("filtering-ingest", "/sources/{source}/uploads", Body.Csv),
        Get("filtering-ingest", "/crosswalks"),
        Put("filtering-ingest", "/crosswalks/smoothwall"),
        Post("filtering-ingest", "/webhooks/{source}", Body.Webhook),
        Post("filtering-ingest", "/webhooks/{source}/google", Body.Webhook),
        Post("filtering-ingest", "/webhooks/{source}/graph", Body.Webhook),
        Get("filtering-ingest", "/events"),
        Get("filtering-ingest", "/alerts"),
        Get("filtering-ingest", "/unattributed"),
        Get("filtering-ingest", "/unattributed/alerts"),
        Get("filtering-ingest", "/schemas/canonical-filter-event.json"),

        // notifications (services/notifications)
        Get("notifications", "/notifications"),
        Post("notifications", "/notifications/{notification}/read"),
        Post("notifications", "/notifications/read"),
        Get("notifications", "/preferences"),
        Put("notifications", "/preferences"),
        Get("notifications", "/preferences/school"),
        Get("notifications", "/deliveries"),
        Post("notifications", "/deliveries/{random}/retry"),

        // governance (services/governance)
        Get("governance", "/training/people"),
        Get("governance", "/training/people/{trainee}"),
        Put("governance", "/training/people/{trainee}"),
        Post("governance", "/training/people/{trainee}/completions", stale: true),
        Post("governance", "/training/people/{trainee}/induction", stale: true),
        Post("governance", "/training/people/{trainee}/leaving", stale: true),
        Post("governance", "/training/sessions"),
        Get("governance", "/training/due"),
        Get("governance", "/training/audit"),
        Get("governance", "/training/requirements"),
        Put("governance", "/training/requirements/{role}"),
        Post("governance", "/training/import", Body.Csv),
        Get("governance", "/policies"),
        Get("governance", "/policies/overdue"),
        Get("governance", "/policies/suggested"),
        Get("governance", "/policies/{policy}"),
        Put("governance", "/policies/{policy}"),
        Post("governance", "/policies/{policy}/versions", stale: true),
        Post("governance", "/policies/{policy}/reviews", stale: true),
        Post("governance", "/policies/{policy}/review-requests", stale: true),
        Get("governance", "/group/meetings"),
        Post("governance", "/group/meetings"),
        Get("governance", "/group/meetings/{meeting}"),
        Post("governance", "/group/meetings/{meeting}/actions", stale: true),
        Post("governance", "/group/meetings/{meeting}/actions/{random}/status", stale: true),
        Get("governance", "/group/actions"),
        Get("governance", "/group/lessons"),
        Post("governance", "/group/lessons"),
        Get("governance", "/risk-assessments"),
        Post("governance", "/risk-assessments"),
        Get("governance", "/risk-assessments/{assessment}"),
        Post("governance", "/risk-assessments/{assessment}/reviews", stale: true),

        // identity (services/identity): its API behind /api/identity; the OIDC endpoints are not API rows
        Get("identity", "/staff"),
        Get("identity", "/staff-accounts"),
        Post("identity", "/staff-accounts"),
        Put("identity", "/staff-accounts/{random}", stale: true),
        Post("identity", "/staff-accounts/{random}/removal", stale: true),
        Post("identity", "/staff-accounts/import", Body.Csv),
        Get("identity", "/staff-accounts/audit"),

        // hosting: health and OpenAPI have explicit gateway routes; metrics are never served through the gateway
        new("gateway", "GET", "/health/live"),
        new("gateway", "GET", "/health/ready"),
        new("gateway", "GET", "/health/downstream"),
        new("gateway", "GET", "/metrics"),
        .. Services.SelectMany(service => new[]
        {
            Get(service, "/health/live"),
            Get(service, "/health/ready"),
            Get(service, "/metrics"),
        }),
        .. Services.Where(s => s != "identity").Select(service => Get(service, "/openapi/v1.json")),
    ];
}
