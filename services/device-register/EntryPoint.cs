namespace TrustSafety.DeviceRegister;

public sealed class EntryPoint;
