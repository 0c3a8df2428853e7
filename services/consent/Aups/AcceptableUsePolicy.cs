using Marten.Metadata;

namespace TrustSafety.Consent.Aups;

public sealed record AupVersion(int Version, string Title, string? DocumentUrl, DateOnly PublishedOn, int GraceDays);

public sealed record AupVersionIssued(Guid AupId, string Audience, int Version, string Title, string? DocumentUrl, DateOnly PublishedOn,
    int GraceDays, DateOnly? OlderSignaturesLapseOn, DateTimeOffset At, string PublishedBy);

/// <summary>One audience's acceptable-use policy (pupil, staff, governor, parent-visitor) and its versions.</summary>
public sealed class AcceptableUsePolicy : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string Audience { get; set; } = "";
    public List<AupVersion> Versions { get; set; } = [];
    /// <summary>From this day signatures of versions older than the current one no longer count.</summary>
    public DateOnly? OlderSignaturesLapseOn { get; set; }

    public AupVersion Current => Versions[^1];

    /// <summary>The first day a signature of <paramref name="signedVersion"/> no longer counts; null while it is current.</summary>
    public DateOnly? LapseOn(int signedVersion) =>
        Versions.FirstOrDefault(v => v.Version > signedVersion) is { } next ? next.PublishedOn.AddDays(next.GraceDays) : null;

    public static AcceptableUsePolicy Create(AupVersionIssued e) => new AcceptableUsePolicy { Audience = e.Audience }.With(e);
    public void Apply(AupVersionIssued e) => With(e);

    private AcceptableUsePolicy With(AupVersionIssued e)
    {
        Versions.Add(new AupVersion(e.Version, e.Title, e.DocumentUrl, e.PublishedOn, e.GraceDays));
        OlderSignaturesLapseOn = e.OlderSignaturesLapseOn;
        return this;
    }
}

public sealed record AupSignatureRecorded(Guid AupId, string Audience, string PersonId, int Version, DateTimeOffset SignedAt,
    string Channel, string RecordedBy);
public sealed record AupSignatureLapsed(Guid AupId, string Audience, string PersonId, int LapsedVersion, DateOnly LapsedOn, string Reason,
    DateTimeOffset At);

public sealed record Signature(int Version, DateTimeOffset SignedAt, string Channel);

/// <summary>One person's signatures of one audience's AUP.</summary>
public sealed class AupSignatory : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string Audience { get; set; } = "";
    public string PersonId { get; set; } = "";
    public List<Signature> Signatures { get; set; } = [];
    public int? LapsedVersion { get; set; }

    public Signature? Latest => Signatures.Count == 0 ? null : Signatures[^1];

    public static AupSignatory Create(AupSignatureRecorded e) => new AupSignatory { Audience = e.Audience, PersonId = e.PersonId }.With(e);
    public void Apply(AupSignatureRecorded e) => With(e);
    public void Apply(AupSignatureLapsed e) => LapsedVersion = e.LapsedVersion;

    private AupSignatory With(AupSignatureRecorded e)
    {
        Signatures.Add(new Signature(e.Version, e.SignedAt, e.Channel));
        return this;
    }
}

/// <summary>Someone expected to sign an audience's AUP (staff, governors, visitors); pupils come from the roster.</summary>
public sealed class AupPerson : ITenanted
{
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string Audience { get; set; } = "";
    public string PersonId { get; set; } = "";
    public bool Active { get; set; } = true;

    public static string KeyOf(string audience, string personId) => $"{audience}/{personId}";
}

public enum SignatureState { Current, InGrace, Lapsed, NotSigned }

public sealed record SignatureStatus(string Audience, string PersonId, SignatureState State, int CurrentVersion, int? SignedVersion,
    DateTimeOffset? SignedAt, DateOnly? ValidUntil);

public static class AupRules
{
    public static readonly string[] Audiences =
        [Contracts.Consent.AupAudiences.Pupil, Contracts.Consent.AupAudiences.Staff, Contracts.Consent.AupAudiences.Governor,
         Contracts.Consent.AupAudiences.ParentVisitor];

    /// <summary>400 unless <paramref name="audience"/> is one of <see cref="Audiences"/>.</summary>
    public static FieldErrors ValidAudience(string audience) => new FieldErrors().Require(Audiences.Contains(audience), "audience",
        $"Use one of: {string.Join(", ", Audiences)}.");

    /// <summary>A new version: older signatures keep counting for the grace period, then lapse.</summary>
    public static AupVersionIssued Publish(AcceptableUsePolicy? policy, string audience, string title, string? documentUrl, int graceDays,
        DateOnly today, DateTimeOffset now, string by) =>
        new(StreamIds.Aup(audience), audience, (policy?.Current.Version ?? 0) + 1, title, documentUrl, today, graceDays,
            policy is null ? null : today.AddDays(graceDays), now, by);

    /// <summary>
    /// Only the current version can be signed; signing it again changes nothing. Signatories are keyed by stream id (null: never
    /// signed); the signature is addressed to the person's signatory stream.
    /// </summary>
    public static Decision Sign(AcceptableUsePolicy? policy, IReadOnlyDictionary<Guid, AupSignatory?> signatories, string audience,
        string personId, int? version, string channel, DateTimeOffset signedAt, string by)
    {
        if (policy is null) return Decision.NotFound("AUP not found", $"No acceptable-use policy is published for '{audience}'.");
        if (version is { } v && v != policy.Current.Version)
            return Decision.Unprocessable("Not the current version",
                $"Version {policy.Current.Version} is current; only it can be signed.");
        var id = StreamIds.AupSignatory(audience, personId);
        if (signatories.GetValueOrDefault(id)?.Latest?.Version == policy.Current.Version) return Decision.Nothing;
        return Decision.Nothing.AlsoOn(id,
            new AupSignatureRecorded(policy.Id, audience, personId, policy.Current.Version, signedAt, channel, by));
    }

    /// <summary>Pure: where a person stands on <paramref name="day"/>.</summary>
    public static SignatureStatus Status(AcceptableUsePolicy policy, AupSignatory? signatory, string personId, DateOnly day)
    {
        var current = policy.Current.Version;
        var latest = signatory?.Latest;
        if (latest is null) return new(policy.Audience, personId, SignatureState.NotSigned, current, null, null, null);
        if (latest.Version == current) return new(policy.Audience, personId, SignatureState.Current, current, latest.Version, latest.SignedAt, null);
        var lapseOn = policy.LapseOn(latest.Version) ?? day;
        return day < lapseOn
            ? new(policy.Audience, personId, SignatureState.InGrace, current, latest.Version, latest.SignedAt, lapseOn.AddDays(-1))
            : new(policy.Audience, personId, SignatureState.Lapsed, current, latest.Version, latest.SignedAt, lapseOn.AddDays(-1));
    }

    /// <summary>Pure: the lapse to record once the grace period after a newer version is over (once per signed version).</summary>
    public static AupSignatureLapsed? DecideLapse(AcceptableUsePolicy policy, AupSignatory signatory, DateOnly today, DateTimeOffset now)
    {
        if (signatory.Latest is not { } latest || latest.Version >= policy.Current.Version || signatory.LapsedVersion == latest.Version
            || policy.LapseOn(latest.Version) is not { } lapseOn || today < lapseOn) return null;
        return new AupSignatureLapsed(policy.Id, policy.Audience, signatory.PersonId, latest.Version, lapseOn,
            $"superseded by version {policy.Current.Version}", now);
    }
}
