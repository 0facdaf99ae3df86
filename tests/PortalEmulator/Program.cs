Console.WriteLine("portal emulator");
