using Microsoft.AspNetCore.DataProtection;
using TrustSafety.Identity.Configuration;

namespace TrustSafety.Identity.Keys;

internal static class SharedDataProtection
{
    public static void AddSharedDataProtection(this WebApplicationBuilder builder, IdentityProviderOptions identity)
    {
        var path = PersistentRsaKey.Resolve(identity.DataProtectionKeysPath, builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection()
            .SetApplicationName("trustsafety-identity")
            .PersistKeysToFileSystem(new DirectoryInfo(path));
    }
}
