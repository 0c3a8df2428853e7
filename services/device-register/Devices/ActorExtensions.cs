using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.Devices;

public static class ActorExtensions
{
    public static Actor Actor(this CurrentUser user) => new(user.Id, user.Name);
}
