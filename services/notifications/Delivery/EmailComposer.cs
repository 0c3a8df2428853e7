using TrustSafety.Notifications.Notices;
using TrustSafety.Platform;

namespace TrustSafety.Notifications.Delivery;

/// <summary>
/// The words of an email. Deliberately poor: who it is for, how urgent, which school, a link. Never the notice's title, a
/// category, a pupil or staff name or pseudonym, a URL or search term: mail leaves the platform, may be read on a phone
/// lock screen or by a delegate, and sits in mailboxes beyond our retention.
/// </summary>
public static class EmailComposer
{
    public static (string Subject, string Body) Compose(Notice notice, string recipientName, string dashboardBaseUrl, TrustSchools trust)
    {
        var school = SchoolName(notice.SchoolUrn, trust);
        var urgency = notice.Urgency switch
        {
            Urgency.Immediate => "Immediate: please look now",
            Urgency.High => "High: please look today",
            _ => "Routine",
        };
        var subject = notice.Urgency switch
        {
            Urgency.Immediate => $"TrustSafety: immediate attention needed ({school})",
            Urgency.High => $"TrustSafety: attention needed today ({school})",
            _ => $"TrustSafety: something to look at ({school})",
        };
        var link = Link(dashboardBaseUrl, notice.LinkPath);
        var body = $"""
            Dear {recipientName},

            Something in TrustSafety needs your attention.

            School: {school}
            Urgency: {urgency}

            Sign in to see it: {link}

            This email never contains names or details of a case. You receive it because of your notification settings in
            TrustSafety, where you can change your address, say when you are out of office, or stop these emails.
            """;
        return (subject, body);
    }

    public static string Link(string dashboardBaseUrl, string path) => dashboardBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>"the trust" for the trust's own tenant, else the school's name from the trust's configured list.</summary>
    public static string SchoolName(string urn, TrustSchools trust) => urn == NoticeRules.TrustTenant ? "the trust" : trust.NameOf(urn);
}
