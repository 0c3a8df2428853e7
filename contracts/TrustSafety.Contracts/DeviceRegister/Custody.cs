namespace TrustSafety.Contracts.DeviceRegister;

/// <summary>The steps of a device's evidential custody chain (<see cref="DeviceCustodyChanged.Step"/>).</summary>
public static class CustodySteps
{
    public const string HandedIn = "handed-in";
    public const string Stored = "stored";
    public const string Quarantined = "quarantined";
    public const string Examined = "examined";
    public const string HandedToPolice = "handed-to-police";
    public const string ReturnedByPolice = "returned-by-police";
    public const string ReturnedToParent = "returned-to-parent";
    public const string Released = "released";
    public static readonly string[] All =
        [HandedIn, Stored, Quarantined, Examined, HandedToPolice, ReturnedByPolice, ReturnedToParent, Released];

    /// <summary>The steps after which the school no longer holds the device.</summary>
    public static readonly string[] EndTheChain = [ReturnedToParent, Released];
}

/// <summary>The custody states after a step (<see cref="DeviceCustodyChanged.State"/>).</summary>
public static class CustodyStates
{
    public const string NotHeld = "not-held";
    public const string HandedIn = "handed-in";
    public const string Stored = "stored";
    public const string Quarantined = "quarantined";
    public const string Examined = "examined";
    public const string WithPolice = "with-police";
    public const string ReturnedByPolice = "returned-by-police";
}
