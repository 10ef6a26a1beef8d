// Placeholder entry point; the emulator is built under issue 4.
return 0;
