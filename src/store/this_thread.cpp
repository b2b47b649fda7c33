#include "store/this_thread.hpp"

#include <pthread.h>
#include <sched.h>

#include <string>

namespace pactum::store {

void name_this_thread(std::string_view name) {
  std::string cut(name.substr(0, 15));
  pthread_setname_np(pthread_self(), cut.c_str());  // best effort: a name is only a label
}

void mark_this_thread_batch() {
  sched_param param{};
  param.sched_priority = 0;
  pthread_setschedparam(pthread_self(), SCHED_BATCH, &param);
}

}  // namespace pactum::store
