#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char** argv) {
  int port = std::atoi("%PORT%");
  const char* hosts[] = {"127.0.0.1", "10.255.255.53", "1.1.1.1"};
  for (const char* h : hosts) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, h, &a.sin_addr);
    timeval tv{0, 500000};
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (s >= 0 && connect(s, (sockaddr*)&a, sizeof a) == 0) std::printf("connected %s\n", h);
    else std::printf("blocked %s\n", h);
    if (s >= 0) close(s);
  }
}
