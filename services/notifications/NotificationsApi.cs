using TrustSafety.Notifications.ReadingNotifications;
using TrustSafety.Notifications.RetryingDeliveries;
using TrustSafety.Notifications.SettingPreferences;
using TrustSafety.Notifications.ViewingDeliveries;

namespace TrustSafety.Notifications;

public static class NotificationsApi
{
    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        var group = app.MapGroup("").WithTags("Notifications").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        NotificationCentre.Map(group);
        SetPreferences.Map(group);
        ViewDeliveries.Map(group);
        RetryDelivery.Map(group);
        return app;
    }
}
