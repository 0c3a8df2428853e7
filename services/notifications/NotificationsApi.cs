using TrustSafety.Notifications.Delivery;
using TrustSafety.Notifications.ReadingNotifications;
using TrustSafety.Notifications.Recipients;

namespace TrustSafety.Notifications;

public static class NotificationsApi
{
    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        var group = app.MapGroup("").WithTags("Notifications").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        NotificationCentre.Map(group);
        SettingPreferences.Map(group);
        DeliveriesApi.Map(group);
        return app;
    }
}
