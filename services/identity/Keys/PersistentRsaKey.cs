using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TrustSafety.Identity.Keys;

/// <summary>
/// An RSA key kept in a PEM file so tokens stay valid across restarts and every replica signs with the same key.
/// </summary>
internal static class PersistentRsaKey
{
    private const int KeySizeInBits = 2048;

    public static RsaSecurityKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    /// <summary>
    /// Resolves a relative key path against the repository root above <paramref name="contentRoot"/>,
    /// or a temp folder when the service runs outside a checkout.
    /// </summary>
    public static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustSafety.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, path));
            }
        }

        return Path.GetFullPath(Path.Combine(Path.GetTempPath(), "trustsafety", path));
    }

    private static void Create(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);

        using var rsa = RSA.Create(KeySizeInBits);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Two replicas starting together: the first move wins and both then read the winner's key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
