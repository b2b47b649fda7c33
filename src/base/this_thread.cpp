#include "base/this_thread.hpp"

#include <pthread.h>
#include <sched.h>

namespace pactum::base {

std::thread start_thread(std::string name, std::function<void()> body, bool batch) {
  return std::thread([name = std::move(name), body = std::move(body), batch] {
    std::string cut = name.substr(0, 15);
    pthread_setname_np(pthread_self(), cut.c_str());  // a name is only a label
    if (batch) {
      sched_param param{};
      param.sched_priority = 0;
      pthread_setschedparam(pthread_self(), SCHED_BATCH, &param);
    }
    body();
  });
}

}  // namespace pactum::base
