#include "core/jobs_controller.h"

#include "core/app.h"

namespace tx {

void JobsController::open_list() {
  app_.push(Screen::jobs_list);
  load();
}

void JobsController::open_filter() {
  app_.push(Screen::jobs_filter);
  app_.s_.f_step = 0;
  if (app_.s_.facets.is_null()) app_.send(station::job_facets());
}

void JobsController::load() {
  Session& s = app_.s_;
  s.jobs = nullptr;
  app_.send(station::jobs({s.f_district, s.f_type, s.f_category}));
}

// The detail shows the list's entry at once and is announced when the whole job has come.
void JobsController::on(const intent::JobOpen& x) {
  Session& s = app_.s_;
  app_.push(Screen::jobs_detail);
  s.job = nullptr;
  s.job_loaded = false;
  if (s.jobs.is_object())
    for (const auto& j : s.jobs.value("jobs", nlohmann::json::array()))
      if (j.value("id", 0L) == x.id) s.job = j;
  app_.send(station::job(x.id));
}

void JobsController::on(const intent::JobInterest&) { app_.identity_.start("job_interest"); }
// 职位介绍 (details11): the job's details and description on a step of their own, where the
// detail's page does not hold them (1024×600 at 1×); Back returns to the job.
void JobsController::on(const intent::JobAbout&) { app_.push(Screen::jobs_about); }
// The filter is a step per group of choices (jobs9): district, kind, category, each on one page.
// A choice sends the focus on to 下一步 (查看岗位 on the last group), as a step's answer does.
void JobsController::on(const intent::FilterDistrict& x) {
  app_.s_.f_district = x.district;
  app_.focus_next_ = "filter.next";
}
void JobsController::on(const intent::FilterType& x) {
  app_.s_.f_type = x.type;
  app_.focus_next_ = "filter.next";
}
void JobsController::on(const intent::FilterCategory& x) {
  app_.s_.f_category = x.category;
  app_.focus_next_ = "filter.apply";
}
void JobsController::on(const intent::FilterNext&) {
  Session& s = app_.s_;
  if (s.f_step >= 2) return;
  ++s.f_step;
  app_.page_[Screen::jobs_filter] = 0;
  app_.leave_screen(false);
}
bool JobsController::back_step() {
  Session& s = app_.s_;
  if (app_.screen() != Screen::jobs_filter || s.f_step <= 0) return false;
  --s.f_step;
  app_.page_[Screen::jobs_filter] = 0;
  app_.leave_screen(true);
  return true;
}
// (from any group: the list with what was chosen — Back from the first group does the same)
void JobsController::on(const intent::FilterApply&) {
  app_.s_.f_step = 0;
  app_.back();
}

bool JobsController::answer(station::Endpoint e, const nlohmann::json& b) {
  Session& s = app_.s_;
  switch (e) {
    case station::Endpoint::jobs:
      s.jobs = b;
      s.jobs_total = b.value("total", 0);
      return true;
    case station::Endpoint::facets: s.facets = b; return true;
    case station::Endpoint::job:
      if (b.contains("job")) s.job = b["job"];
      s.job_loaded = true;
      return true;
    case station::Endpoint::interest: s.interest_done = true; return true;
    default: return false;
  }
}

}  // namespace tx
