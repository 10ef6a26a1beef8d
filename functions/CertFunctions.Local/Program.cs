// Placeholder entry point; the local host is built under issue 7.
return 0;
