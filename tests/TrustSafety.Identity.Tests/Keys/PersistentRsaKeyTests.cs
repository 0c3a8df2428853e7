using TrustSafety.Identity.Keys;

namespace TrustSafety.Identity.Tests.Keys;

public sealed class PersistentRsaKeyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ts-identity-key-{Guid.NewGuid():N}");

    [Fact]
    public void a_missing_key_file_is_created_and_the_same_key_is_loaded_on_the_next_start()
    {
        var path = Path.Combine(_directory, "nested", "signing.pem");

        var first = PersistentRsaKey.LoadOrCreate(path);
        var second = PersistentRsaKey.LoadOrCreate(path);

        File.Exists(path).ShouldBeTrue();
        second.KeyId.ShouldBe(first.KeyId);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void a_relative_path_resolves_against_the_repository_root()
    {
        var repository = Path.Combine(_directory, "repo");
        var contentRoot = Path.Combine(repository, "services", "identity");
        Directory.CreateDirectory(contentRoot);
        File.WriteAllText(Path.Combine(repository, "TrustSafety.sln"), string.Empty);

        PersistentRsaKey.Resolve(".run/key.pem", contentRoot).ShouldBe(Path.Combine(repository, ".run", "key.pem"));
        PersistentRsaKey.Resolve("/etc/identity/key.pem", contentRoot).ShouldBe("/etc/identity/key.pem");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
