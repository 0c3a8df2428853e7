using TrustSafety.Contracts.Reference;
using TrustSafety.Notifications.Notices;

namespace TrustSafety.Notifications.Delivery;

/// <summary>
/// The words of an email. Deliberately poor: who it is for, how urgent, which school, a link. Never the notice's title, a
/// category, a pupil or staff name or pseudonym, a URL or search term: mail leaves the platform, may be read on a phone
/// lock screen or by a delegate, and sits in mailboxes beyond our retention.
/// </summary>
public static class EmailComposer
{
    public static (string Subject, string Body) Compose(Notice notice, string recipientName, string dashboardBaseUrl)
    {
        var school = SchoolName(notice.SchoolUrn);
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

    public static string SchoolName(string urn) =>
        urn == NoticeRules.TrustTenant ? "the trust" : DemoTrust.Schools.FirstOrDefault(s => s.Urn == urn)?.Name ?? $"school {urn}";
}
