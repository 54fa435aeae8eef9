#include "platform/renderer.h"

#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include "platform/sw_renderer.h"

#include <algorithm>
#include <cmath>

namespace tx {

namespace {
// The few GL entry points the kiosk itself calls, loaded through SDL (the backend has its own).
using GetIntegerv = void (*)(GLenum, GLint*);
using ReadPixels = void (*)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, void*);
using Viewport = void (*)(GLint, GLint, GLsizei, GLsizei);
using ClearColor = void (*)(GLfloat, GLfloat, GLfloat, GLfloat);
using Clear = void (*)(GLbitfield);
using PixelStorei = void (*)(GLenum, GLint);
GetIntegerv gl_get_integerv;
ReadPixels gl_read_pixels;
Viewport gl_viewport;
ClearColor gl_clear_color;
Clear gl_clear;
PixelStorei gl_pixel_storei;

ImU32 col(Color c) { return IM_COL32(c.r, c.g, c.b, c.a); }
ImVec2 v(float x, float y) { return ImVec2(x, y); }

// Simple line icons (C1: icon plus text), drawn in the text colour so they share its contrast.
void draw_icon(ImDrawList* dl, Icon icon, Rect r, Color c, float th) {
  ImU32 k = col(c);
  float x = r.x, y = r.y, w = r.w, h = r.h;
  switch (icon) {
    case Icon::calendar:
      dl->AddRect(v(x, y + h * 0.15f), v(x + w, y + h), k, 4, 0, th);
      dl->AddLine(v(x, y + h * 0.38f), v(x + w, y + h * 0.38f), k, th);
      dl->AddLine(v(x + w * 0.3f, y), v(x + w * 0.3f, y + h * 0.28f), k, th);
      dl->AddLine(v(x + w * 0.7f, y), v(x + w * 0.7f, y + h * 0.28f), k, th);
      break;
    case Icon::list:
      for (int i = 0; i < 3; ++i) {
        float yy = y + h * (0.2f + 0.3f * i);
        dl->AddCircleFilled(v(x + w * 0.1f, yy), th * 0.9f, k);
        dl->AddLine(v(x + w * 0.3f, yy), v(x + w, yy), k, th);
      }
      break;
    case Icon::coin:
      dl->AddCircle(v(x + w / 2, y + h / 2), w / 2 - th / 2, k, 32, th);
      dl->AddLine(v(x + w * 0.33f, y + h * 0.28f), v(x + w * 0.5f, y + h * 0.5f), k, th);
      dl->AddLine(v(x + w * 0.67f, y + h * 0.28f), v(x + w * 0.5f, y + h * 0.5f), k, th);
      dl->AddLine(v(x + w * 0.5f, y + h * 0.5f), v(x + w * 0.5f, y + h * 0.8f), k, th);
      dl->AddLine(v(x + w * 0.32f, y + h * 0.56f), v(x + w * 0.68f, y + h * 0.56f), k, th);
      break;
    case Icon::briefcase:
      dl->AddRect(v(x, y + h * 0.3f), v(x + w, y + h * 0.9f), k, 4, 0, th);
      dl->AddRect(v(x + w * 0.33f, y + h * 0.1f), v(x + w * 0.67f, y + h * 0.3f), k, 2, 0, th);
      dl->AddLine(v(x, y + h * 0.55f), v(x + w, y + h * 0.55f), k, th);
      break;
    case Icon::bell:
      dl->AddBezierCubic(v(x + w * 0.15f, y + h * 0.75f), v(x + w * 0.25f, y - h * 0.05f),
                         v(x + w * 0.75f, y - h * 0.05f), v(x + w * 0.85f, y + h * 0.75f), k, th);
      dl->AddLine(v(x + w * 0.05f, y + h * 0.75f), v(x + w * 0.95f, y + h * 0.75f), k, th);
      dl->AddCircleFilled(v(x + w * 0.5f, y + h * 0.9f), th * 1.2f, k);
      break;
    case Icon::home:
      dl->AddLine(v(x, y + h * 0.5f), v(x + w / 2, y + h * 0.08f), k, th);
      dl->AddLine(v(x + w / 2, y + h * 0.08f), v(x + w, y + h * 0.5f), k, th);
      dl->AddRect(v(x + w * 0.18f, y + h * 0.45f), v(x + w * 0.82f, y + h), k, 0, 0, th);
      break;
    case Icon::back:
    case Icon::left:
      dl->AddLine(v(x + w * 0.9f, y + h / 2), v(x + w * 0.1f, y + h / 2), k, th);
      dl->AddLine(v(x + w * 0.1f, y + h / 2), v(x + w * 0.45f, y + h * 0.15f), k, th);
      dl->AddLine(v(x + w * 0.1f, y + h / 2), v(x + w * 0.45f, y + h * 0.85f), k, th);
      break;
    case Icon::right:
      dl->AddLine(v(x + w * 0.1f, y + h / 2), v(x + w * 0.9f, y + h / 2), k, th);
      dl->AddLine(v(x + w * 0.9f, y + h / 2), v(x + w * 0.55f, y + h * 0.15f), k, th);
      dl->AddLine(v(x + w * 0.9f, y + h / 2), v(x + w * 0.55f, y + h * 0.85f), k, th);
      break;
    case Icon::gear: {
      ImVec2 c0 = v(x + w / 2, y + h / 2);
      for (int i = 0; i < 8; ++i) {
        float a = float(i) * 3.14159f / 4;
        dl->AddLine(v(c0.x + std::cos(a) * w * 0.3f, c0.y + std::sin(a) * h * 0.3f),
                    v(c0.x + std::cos(a) * w * 0.5f, c0.y + std::sin(a) * h * 0.5f), k, th * 1.3f);
      }
      dl->AddCircle(c0, w * 0.3f, k, 24, th);
      dl->AddCircle(c0, w * 0.1f, k, 12, th * 0.8f);
      break;
    }
    case Icon::globe: {
      ImVec2 c0 = v(x + w / 2, y + h / 2);
      dl->AddCircle(c0, w / 2 - th / 2, k, 32, th);
      dl->AddLine(v(x, c0.y), v(x + w, c0.y), k, th * 0.8f);
      dl->AddBezierCubic(v(c0.x, y), v(c0.x - w * 0.35f, y + h * 0.3f), v(c0.x - w * 0.35f, y + h * 0.7f), v(c0.x, y + h), k, th * 0.8f);
      dl->AddBezierCubic(v(c0.x, y), v(c0.x + w * 0.35f, y + h * 0.3f), v(c0.x + w * 0.35f, y + h * 0.7f), v(c0.x, y + h), k, th * 0.8f);
      break;
    }
    case Icon::speaker:
      dl->AddQuadFilled(v(x, y + h * 0.35f), v(x + w * 0.25f, y + h * 0.35f), v(x + w * 0.25f, y + h * 0.65f), v(x, y + h * 0.65f), k);
      dl->AddTriangleFilled(v(x + w * 0.2f, y + h * 0.5f), v(x + w * 0.5f, y + h * 0.1f), v(x + w * 0.5f, y + h * 0.9f), k);
      dl->PathArcTo(v(x + w * 0.5f, y + h * 0.5f), w * 0.25f, -0.9f, 0.9f, 12);
      dl->PathStroke(k, 0, th);
      dl->PathArcTo(v(x + w * 0.5f, y + h * 0.5f), w * 0.45f, -0.9f, 0.9f, 12);
      dl->PathStroke(k, 0, th);
      break;
    case Icon::check:
      dl->AddLine(v(x + w * 0.08f, y + h * 0.55f), v(x + w * 0.38f, y + h * 0.85f), k, th * 1.3f);
      dl->AddLine(v(x + w * 0.38f, y + h * 0.85f), v(x + w * 0.92f, y + h * 0.2f), k, th * 1.3f);
      break;
    case Icon::cross:
      dl->AddLine(v(x + w * 0.15f, y + h * 0.15f), v(x + w * 0.85f, y + h * 0.85f), k, th * 1.3f);
      dl->AddLine(v(x + w * 0.85f, y + h * 0.15f), v(x + w * 0.15f, y + h * 0.85f), k, th * 1.3f);
      break;
    case Icon::printer:
      dl->AddRect(v(x, y + h * 0.35f), v(x + w, y + h * 0.75f), k, 3, 0, th);
      dl->AddRect(v(x + w * 0.2f, y + h * 0.05f), v(x + w * 0.8f, y + h * 0.35f), k, 0, 0, th);
      dl->AddRect(v(x + w * 0.2f, y + h * 0.6f), v(x + w * 0.8f, y + h * 0.98f), k, 0, 0, th);
      break;
    case Icon::person:
      dl->AddCircle(v(x + w / 2, y + h * 0.28f), w * 0.2f, k, 20, th);
      dl->PathArcTo(v(x + w / 2, y + h), w * 0.42f, 3.14159f, 2 * 3.14159f, 16);
      dl->PathStroke(k, 0, th);
      break;
    case Icon::person_add:
      dl->AddCircle(v(x + w * 0.38f, y + h * 0.28f), w * 0.18f, k, 20, th);
      dl->PathArcTo(v(x + w * 0.38f, y + h), w * 0.36f, 3.14159f, 2 * 3.14159f, 16);
      dl->PathStroke(k, 0, th);
      dl->AddLine(v(x + w * 0.82f, y + h * 0.2f), v(x + w * 0.82f, y + h * 0.56f), k, th);
      dl->AddLine(v(x + w * 0.64f, y + h * 0.38f), v(x + w, y + h * 0.38f), k, th);
      break;
    case Icon::renew:
      dl->PathArcTo(v(x + w / 2, y + h / 2), w * 0.4f, -2.6f, 2.2f, 24);
      dl->PathStroke(k, 0, th);
      dl->AddTriangleFilled(v(x + w * 0.02f, y + h * 0.2f), v(x + w * 0.36f, y + h * 0.12f),
                            v(x + w * 0.18f, y + h * 0.45f), k);
      break;
    case Icon::clipboard:
      dl->AddRect(v(x + w * 0.12f, y + h * 0.12f), v(x + w * 0.88f, y + h), k, 4, 0, th);
      dl->AddRectFilled(v(x + w * 0.35f, y), v(x + w * 0.65f, y + h * 0.2f), k, 2);
      dl->AddLine(v(x + w * 0.28f, y + h * 0.6f), v(x + w * 0.45f, y + h * 0.78f), k, th);
      dl->AddLine(v(x + w * 0.45f, y + h * 0.78f), v(x + w * 0.74f, y + h * 0.38f), k, th);
      break;
    case Icon::card:
      dl->AddRect(v(x, y + h * 0.18f), v(x + w, y + h * 0.82f), k, 6, 0, th);
      dl->AddCircle(v(x + w * 0.28f, y + h * 0.45f), w * 0.1f, k, 16, th * 0.8f);
      dl->AddLine(v(x + w * 0.5f, y + h * 0.4f), v(x + w * 0.86f, y + h * 0.4f), k, th * 0.8f);
      dl->AddLine(v(x + w * 0.5f, y + h * 0.62f), v(x + w * 0.86f, y + h * 0.62f), k, th * 0.8f);
      break;
    case Icon::video:
      dl->AddRect(v(x, y + h * 0.25f), v(x + w * 0.65f, y + h * 0.75f), k, 4, 0, th);
      dl->AddTriangleFilled(v(x + w * 0.7f, y + h * 0.5f), v(x + w, y + h * 0.25f), v(x + w, y + h * 0.75f), k);
      break;
    case Icon::day:  // a calendar page with one day filled
    case Icon::week:  // a calendar page with a row of seven days filled
      dl->AddRect(v(x, y + h * 0.15f), v(x + w, y + h), k, 4, 0, th);
      dl->AddLine(v(x, y + h * 0.38f), v(x + w, y + h * 0.38f), k, th);
      dl->AddLine(v(x + w * 0.3f, y), v(x + w * 0.3f, y + h * 0.28f), k, th);
      dl->AddLine(v(x + w * 0.7f, y), v(x + w * 0.7f, y + h * 0.28f), k, th);
      if (icon == Icon::day)
        dl->AddRectFilled(v(x + w * 0.36f, y + h * 0.52f), v(x + w * 0.64f, y + h * 0.84f), k, 2);
      else
        for (int i = 0; i < 7; ++i)
          dl->AddRectFilled(v(x + w * (0.1f + 0.115f * i), y + h * 0.58f),
                            v(x + w * (0.1f + 0.115f * i + 0.08f), y + h * 0.78f), k, 1);
      break;
    case Icon::bag:  // what to bring (days8): a bag, its handle over it, a clasp
      dl->AddRect(v(x + w * 0.05f, y + h * 0.32f), v(x + w * 0.95f, y + h * 0.95f), k, 5, 0, th);
      dl->PathArcTo(v(x + w * 0.5f, y + h * 0.32f), w * 0.22f, 3.14159f, 2 * 3.14159f, 12);
      dl->PathStroke(k, 0, th);
      dl->AddLine(v(x + w * 0.05f, y + h * 0.55f), v(x + w * 0.95f, y + h * 0.55f), k, th * 0.8f);
      dl->AddRectFilled(v(x + w * 0.42f, y + h * 0.48f), v(x + w * 0.58f, y + h * 0.64f), k, 1);
      break;
    case Icon::none:
      break;
  }
}
}  // namespace

static Renderer* g_active = nullptr;  // the one renderer, for upload_font_texture()

Renderer::~Renderer() {
  if (g_active == this) g_active = nullptr;
  if (sw_) {
    sw_.reset();
    ImGui::DestroyContext();
  } else if (ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
  }
}

bool upload_font_texture() {
  if (g_active && g_active->sw_) return g_active->sw_->upload_fonts();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  return ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Renderer::output_size(int* w, int* h) const {
  if (sw_) sw_->output_size(w, h);
}

void Renderer::present(SDL_Window* window) {
  if (sw_) sw_->present();
  else SDL_GL_SwapWindow(window);
}

namespace {
// ImGui's context as both backends need it: our allocator, no ini/log files, no drawn cursor.
void create_imgui_context() {
  IMGUI_CHECKVERSION();
  install_imgui_allocator();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.MouseDrawCursor = false;
}
}  // namespace

bool Renderer::init(SDL_Window* window, bool software, std::string* error) {
  g_active = this;
  if (software) {
    create_imgui_context();
    sw_ = std::make_unique<SoftwareBackend>();
    if (!sw_->init(window, error)) return false;
    max_tex_ = sw_->max_texture_size();
    ready_ = true;
    return true;
  }
  gl_get_integerv = (GetIntegerv)SDL_GL_GetProcAddress("glGetIntegerv");
  gl_read_pixels = (ReadPixels)SDL_GL_GetProcAddress("glReadPixels");
  gl_viewport = (Viewport)SDL_GL_GetProcAddress("glViewport");
  gl_clear_color = (ClearColor)SDL_GL_GetProcAddress("glClearColor");
  gl_clear = (Clear)SDL_GL_GetProcAddress("glClear");
  gl_pixel_storei = (PixelStorei)SDL_GL_GetProcAddress("glPixelStorei");
  if (!gl_get_integerv || !gl_read_pixels || !gl_viewport || !gl_clear || !gl_pixel_storei) {
    *error = "OpenGL entry points missing";
    return false;
  }
  gl_get_integerv(GL_MAX_TEXTURE_SIZE, &max_tex_);
  create_imgui_context();
  if (!ImGui_ImplOpenGL3_Init("#version 130")) {
    *error = "ImGui OpenGL3 backend init failed";
    return false;
  }
  // Create shaders/buffers now (with ImGui's tiny default atlas) so that NewFrame never rebuilds
  // our atlas behind our back; FontSystem::rebuild replaces the font texture.
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  ready_ = true;
  return true;
}

void Renderer::draw(const std::vector<DrawCmd>& cmds, Color clear, FontSystem& fonts, int w, int h) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(w), float(h));
  io.DeltaTime = 1.0f / 60;
  if (sw_) sw_->new_frame();
  else ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  for (const auto& c : cmds) {
    const Rect& r = c.rect;
    switch (c.kind) {
      case DrawCmd::k_fill:
        dl->AddRectFilled(v(r.x, r.y), v(r.right(), r.bottom()), col(c.color), c.rounding);
        break;
      case DrawCmd::k_stroke: {
        float hth = c.thickness / 2;  // stroke inside the rect's outline
        dl->AddRect(v(r.x + hth, r.y + hth), v(r.right() - hth, r.bottom() - hth), col(c.color),
                    c.rounding, 0, c.thickness);
        break;
      }
      case DrawCmd::k_text: {
        ImFont* f = fonts.font(c.face, c.size);  // the ticket number: its own face (crisp)
        if (f)
          dl->AddText(f, c.size, v(std::round(r.x), std::round(r.y)), col(c.color),
                      c.text.data(), c.text.data() + c.text.size());
        break;
      }
      case DrawCmd::k_icon: draw_icon(dl, c.icon, r, c.color, c.thickness); break;
    }
  }
  ImGui::Render();
  if (sw_) {
    sw_->render(clear.r, clear.g, clear.b);
    return;
  }
  gl_viewport(0, 0, w, h);
  gl_clear_color(clear.r / 255.f, clear.g / 255.f, clear.b / 255.f, 1.f);
  gl_clear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool Renderer::screenshot(const std::string& path, int w, int h, std::string* error) {
  std::vector<unsigned char> px(size_t(w) * h * 4), flipped(px.size());
  if (sw_) {
    if (!sw_->read_rgba(w, h, &flipped, error)) return false;
  } else {
    gl_pixel_storei(GL_PACK_ALIGNMENT, 1);
    gl_read_pixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    for (int y = 0; y < h; ++y)
      std::copy_n(&px[size_t(h - 1 - y) * w * 4], size_t(w) * 4, &flipped[size_t(y) * w * 4]);
  }
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  if (!stbi_write_png(path.c_str(), w, h, 4, flipped.data(), w * 4)) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace tx
