using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.Access;

/// <summary>Who may see and act on an incident of their own school (another school's never reaches here).</summary>
public static class Visibility
{
    /// <summary>The safeguarding team sees every incident, except allegations against staff (DSL and head only); others see what they reported.</summary>
    public static bool CanSee(OnlineSafetyIncident incident, Actor actor) =>
        CanManage(incident, actor) || incident.ReportedBy == actor.Id;

    public static bool CanManage(OnlineSafetyIncident incident, Actor actor) =>
        actor.InSafeguardingTeam && (!incident.AllegationAgainstStaff || actor.SeesStaffAllegations);

    /// <summary>A reporter outside the safeguarding team sees their report, not the DSL's case work.</summary>
    public static bool SeesCaseWork(OnlineSafetyIncident incident, Actor actor) => CanManage(incident, actor);

    /// <summary>A filter alert's URL, search term and vendor link: the DSL and deputy who triage it (not the headteacher).</summary>
    public static bool SeesAlertDetail(Actor actor) => actor.IsDsl || actor.Is(PlatformRoles.DeputyDsl);

    public static bool CanReadAccessLog(OnlineSafetyIncident incident, Actor actor) =>
        actor.IsDsl && CanManage(incident, actor);

    /// <summary>A pupil's whole history across incidents is the DSL's alone (issue 3), not the wider safeguarding team's.</summary>
    public static bool CanReadChronology(Actor actor) => actor.IsDsl;
}
