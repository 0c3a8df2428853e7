using Marten;
using TrustSafety.Reporting.Rollups;
using static TrustSafety.Reporting.Rollups.RollupChanges;

namespace TrustSafety.Reporting.Coverage;

/// <summary>Where one pupil's answer for one consent type stands: the latest change wins, whatever order they arrive in.</summary>
public sealed class ConsentState
{
    public string Id { get; set; } = "";
    public string SchoolUrn { get; set; } = "";
    public ConsentChange Latest { get; set; } = new();

    public const string Metric = "consent";
    public static string IdFor(string pupil, string type) => $"{type}|{pupil}";

    /// <summary>Each change is also kept as a fact (the rebuild's input), keyed by its content so a redelivery is stored once.</summary>
    public static Guid FactId(string content) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(content)));

    /// <summary>A "yes" counts under its expiry date, so a view can tell what has expired by today.</summary>
    public static void Contribute(RollupChanges r, ConsentState? s, int sign)
    {
        if (s is null) return;
        var period = s.Latest.Kind == ConsentKinds.Given ? s.Latest.ValidUntil ?? Timeless : Timeless;
        r.Count(s.SchoolUrn, Metric, period, Key(s.Latest.ConsentType, s.Latest.Kind), sign);
    }

    public static async Task Apply(IDocumentSession session, ConsentChange change, RollupChanges r, CancellationToken ct)
    {
        var id = IdFor(change.PupilId, change.ConsentType);
        await LockEntity(session, change.SchoolUrn, "consent:" + id, ct);
        change.Id = FactId($"{id}|{change.Kind}|{change.At.UtcTicks}");
        session.Store(change);
        var state = await session.LoadAsync<ConsentState>(id, ct);
        if (state is not null && change.At < state.Latest.At) return;
        Contribute(r, state, -1);
        state = new ConsentState { Id = id, SchoolUrn = change.SchoolUrn, Latest = change };
        Contribute(r, state, +1);
        session.Store(state);
    }
}

/// <summary>Where one person stands with one audience's acceptable-use policy: the latest signature or lapse.</summary>
public sealed class AupState
{
    public string Id { get; set; } = "";
    public string SchoolUrn { get; set; } = "";
    public AupChange Latest { get; set; } = new();

    public const string Metric = "aup";
    public const string Versions = "aup.version";
    public static string IdFor(string person, string audience) => $"{audience}|{person}";

    public static void Contribute(RollupChanges r, AupState? s, int sign)
    {
        if (s is null) return;
        r.Count(s.SchoolUrn, Metric, Timeless, Key(s.Latest.Audience, s.Latest.Signed ? "signed" : "lapsed",
            s.Latest.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), sign);
    }

    public static async Task Apply(IDocumentSession session, AupChange change, RollupChanges r, CancellationToken ct)
    {
        var id = IdFor(change.PersonId, change.Audience);
        await LockEntity(session, change.SchoolUrn, "aup:" + id, ct);
        change.Id = ConsentState.FactId($"{id}|{change.Signed}|{change.Version}|{change.At.UtcTicks}");
        session.Store(change);
        var state = await session.LoadAsync<AupState>(id, ct);
        if (state is not null && change.At < state.Latest.At) return;
        Contribute(r, state, -1);
        state = new AupState { Id = id, SchoolUrn = change.SchoolUrn, Latest = change };
        Contribute(r, state, +1);
        session.Store(state);
    }

    public static void Published(RollupChanges r, AupVersionRecord v) =>
        r.Count(v.SchoolUrn, Versions, Timeless, Key(v.Audience, v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1);
}
