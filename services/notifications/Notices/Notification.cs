namespace TrustSafety.Notifications.Notices;

/// <summary>An in-app notification in a school (tenant); shown to every member of its audience, read per person.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public Urgency Urgency { get; set; }
    public Audience Audience { get; set; }
    /// <summary>With <see cref="Audience.Person"/>: the only person who sees it.</summary>
    public string? RecipientId { get; set; }
    public string Title { get; set; } = "";
    public string LinkPath { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>How many people were emailed (0 with <see cref="NobodyReceiving"/> means the trust lead was told).</summary>
    public int Emailed { get; set; }
    public bool NobodyReceiving { get; set; }

    public static Notification From(Notice notice) => new()
    {
        Id = NoticeRules.IdOf(notice.Key), Key = notice.Key, Kind = notice.Kind, Urgency = notice.Urgency, Audience = notice.Audience,
        RecipientId = notice.RecipientId, Title = notice.Title, LinkPath = notice.LinkPath, At = notice.At,
    };
}

/// <summary>That one person has read one notification (id derived from both, so marking twice is one marker).</summary>
public sealed class NotificationRead
{
    public Guid Id { get; set; }
    public Guid NotificationId { get; set; }
    public string UserId { get; set; } = "";
    public Audience Audience { get; set; }
    public DateTimeOffset At { get; set; }

    public static Guid IdFor(Guid notificationId, string userId) => NoticeRules.IdOf($"read:{notificationId}:{userId}");
}
