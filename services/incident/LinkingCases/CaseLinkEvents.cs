using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Incident.LinkingCases;

/// <summary>
/// School A's DSL asks school B's DSL to work a case together (Wodensfield 11.1: pupils of two schools involved), naming
/// what is shared (SharedSummary) and why (Purpose, LawfulBasis): an information-sharing decision. Free text is sealed under
/// the link's own key in the trust's tenant. The link lives in the trust's tenant; each school keeps its own incident.
/// </summary>
public sealed record CaseLinkRequested(
    Guid LinkId, string FromSchool, Guid FromIncidentId, string ToSchool, string By, string ByName, DateTimeOffset At,
    string SharedSummary, string Purpose, string LawfulBasis);

/// <summary>B's DSL accepts: optionally naming B's own incident and what B shares back (sealed), with the rationale (sealed).</summary>
public sealed record CaseLinkAccepted(
    Guid LinkId, string School, string By, string ByName, DateTimeOffset At, Guid? IncidentId, string? SharedSummary, string Rationale);

public sealed record CaseLinkDeclined(Guid LinkId, string School, string By, string ByName, DateTimeOffset At, string Rationale);

/// <summary>An audit fact on the link's audit stream (reads must not move the link's version): a DSL read the linked case.</summary>
public sealed record LinkedCaseRead(Guid LinkId, string School, string By, string ByName, DateTimeOffset At);

public static class CaseLinkAudit
{
    public static Guid For(Guid linkId) => new(MD5.HashData(Encoding.UTF8.GetBytes($"case-link-audit:{linkId:N}")));

    public static string Subject(Guid linkId) => $"case-link:{linkId:N}";
}

public static class CaseLinkStatus
{
    public const string Requested = "requested";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
}

/// <summary>The link as folded from its stream (inline snapshot in the trust's tenant); free text sealed.</summary>
public sealed class CaseLink
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string Status { get; set; } = CaseLinkStatus.Requested;
    public string FromSchool { get; set; } = "";
    public Guid FromIncidentId { get; set; }
    public string ToSchool { get; set; } = "";
    public Guid? ToIncidentId { get; set; }
    public string RequestedBy { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public string SharedSummary { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string LawfulBasis { get; set; } = "";
    public string? ReplySummary { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionRationale { get; set; }
    /// <summary>Every share, in order: the request's and the acceptance's (who, which school, when, what).</summary>
    public List<CaseLinkShare> Shares { get; set; } = [];

    public bool Involves(string school) => FromSchool == school || ToSchool == school;

    public static CaseLink Create(CaseLinkRequested e) => new()
    {
        Id = e.LinkId, FromSchool = e.FromSchool, FromIncidentId = e.FromIncidentId, ToSchool = e.ToSchool, RequestedBy = e.By,
        RequestedByName = e.ByName, RequestedAt = e.At, SharedSummary = e.SharedSummary, Purpose = e.Purpose, LawfulBasis = e.LawfulBasis,
        Shares = [new(e.FromSchool, e.By, e.ByName, e.At, "shared summary with the link request")],
    };

    public void Apply(CaseLinkAccepted e)
    {
        Status = CaseLinkStatus.Accepted;
        ToIncidentId = e.IncidentId;
        ReplySummary = e.SharedSummary;
        DecidedByName = e.ByName;
        DecidedAt = e.At;
        DecisionRationale = e.Rationale;
        if (e.SharedSummary is not null) Shares.Add(new(e.School, e.By, e.ByName, e.At, "shared summary with the acceptance"));
    }

    public void Apply(CaseLinkDeclined e)
    {
        Status = CaseLinkStatus.Declined;
        DecidedByName = e.ByName;
        DecidedAt = e.At;
        DecisionRationale = e.Rationale;
    }
}

public sealed record CaseLinkShare(string School, string By, string ByName, DateTimeOffset At, string What);
