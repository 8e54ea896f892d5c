package main

import (
	"fmt"
	"os"
)

func main() {
	for _, p := range []string{"%SECRET%", "/work/shared/STYLE.md", "/etc/shadow", "/root/.bashrc"} {
		if b, err := os.ReadFile(p); err == nil {
			fmt.Println("READ", p, string(b))
		} else {
			fmt.Println("no", p)
		}
	}
	for _, p := range []string{"/usr/evil", "/evil", "/runner/evil", "/etc/evil", "/opt/assay/evil"} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err == nil {
			fmt.Println("WROTE", p)
		} else {
			fmt.Println("no", p)
		}
	}
}
