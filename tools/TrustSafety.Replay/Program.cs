using TrustSafety.Replay;

return await ReplayCommand.RunAsync(args, Console.Out, Console.Error);
