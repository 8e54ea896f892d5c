#include <cstdio>
int main() {
  const char* reads[] = {"%SECRET%", "/work/shared/STYLE.md", "/etc/shadow", "/root/.bashrc"};
  for (const char* p : reads) {
    FILE* f = std::fopen(p, "r");
    char buf[64] = {0};
    if (f && std::fread(buf, 1, 40, f) > 0) std::printf("READ %s %s\n", p, buf);
    else std::printf("no %s\n", p);
    if (f) std::fclose(f);
  }
  const char* writes[] = {"/usr/evil", "/evil", "/runner/evil", "/etc/evil", "/opt/assay/evil"};
  for (const char* p : writes) {
    FILE* f = std::fopen(p, "w");
    if (f && std::fputs("x", f) >= 0 && std::fclose(f) == 0) std::printf("WROTE %s\n", p);
    else std::printf("no %s\n", p);
  }
}
