using WineB24.PortalEmulator.Standalone;

return await StandaloneRunner.RunAsync(args);
