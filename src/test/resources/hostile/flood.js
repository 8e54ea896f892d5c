const s = "x".repeat(65536);
for (;;) process.stdout.write(s);
