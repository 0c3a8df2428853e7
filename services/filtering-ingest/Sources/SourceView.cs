using TrustSafety.FilteringIngest.Adapters;

namespace TrustSafety.FilteringIngest.Sources;

public sealed record SourceView(
    Guid Id, string Name, string Format, string Vendor, string? SchoolUrn, bool TrustWide, string State, string[] AllowedSenders,
    int RateLimitPerSecond, string TimeZone, int CategoryMapEntries, DateTimeOffset RegisteredAt, string RegisteredBy,
    DateTimeOffset ChangedAt, IReadOnlyList<DateTimeOffset?> SecretsValidUntil, string WebhookPath, long Revision)
{
    public static SourceView Of(Source s) => new(s.Id, s.Name, s.Format, s.Vendor, s.SchoolUrn, s.IsTrustWide, s.State, s.AllowedSenders,
        s.RateLimitPerSecond, s.TimeZone, s.CategoryMap.Count, s.RegisteredAt, s.RegisteredBy, s.ChangedAt,
        s.Secrets.Select(x => x.ValidUntil).ToList(), WebhookPathFor(s), s.Revision);

    private static string WebhookPathFor(Source s) => s.Format switch
    {
        GoogleAlertCenterAdapter.FormatName => $"/webhooks/{s.Id}/google?token=<secret>",
        GraphSecurityAlertsAdapter.FormatName => $"/webhooks/{s.Id}/graph",
        _ => $"/webhooks/{s.Id}",
    };
}

/// <summary>The only time a secret is shown: in the answer to register or rotate.</summary>
public sealed record SourceWithSecret(SourceView Source, string Secret);
