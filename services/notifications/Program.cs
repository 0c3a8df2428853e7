using TrustSafety.Notifications;
using TrustSafety.Notifications.Consuming;
using TrustSafety.Notifications.Notices;
using TrustSafety.Notifications.SendingEmail;
using TrustSafety.Platform;
using TrustSafety.ServiceDefaults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.EventSourcing.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("notifications");
builder.AddNotificationsOptions();
builder.AddNotificationPolicies();
builder.Services.AddTrustSchools();
builder.AddEventStore("notifications", NotificationsStore.Configure);
builder.AddMessaging("notifications", x =>
{
    x.AddConsumer<TellOfIncidentReported>();
    x.AddConsumer<TellOfSafeguardingAlert>();
    x.AddConsumer<TellOfUnattributedAlert>();
    x.AddConsumer<TellOfReferralMade>();
    x.AddConsumer<TellOfImmediateDanger>();
    x.AddConsumer<TellOfReferralOutcome>();
    x.AddConsumer<TellOfReferralOutcomeV2>();
    x.AddConsumer<TellOfTaskAssigned>();
    x.AddConsumer<TellOfTaskCompleted>();
    x.AddConsumer<TrustSafety.Notifications.Reminders.WatchTrainingStatus>();
    x.AddConsumer<TrustSafety.Notifications.Digest.WatchConcernTriaged>();
    x.AddConsumer<TrustSafety.Notifications.Digest.WatchConcernClosed>();
});
builder.Services.AddSingleton<NoticeBoard>();
builder.Services.AddSingleton<SmtpMailer>();
builder.Services.AddSingleton<TrustSafety.Notifications.Reminders.OverdueReferrals>();
builder.Services.AddSingleton<TrustSafety.Notifications.Reminders.OverdueTasks>();
builder.Services.AddSingleton<TrustSafety.Notifications.Reminders.OverdueTraining>();
builder.Services.AddSingleton<TrustSafety.Notifications.Digest.DailyDigest>();
builder.Services.AddSingleton<EmailDispatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EmailDispatcher>());

var app = builder.Build();
app.UsePlatformDefaults();
app.MapNotificationsApi();
await app.RunAsync();
