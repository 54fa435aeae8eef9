// The kiosk's font atlas with the real Noto Sans CJK face and Dear ImGui's atlas builder (no GL:
// the build, not the upload): the slip's ticket number gets a face of its own at its size.
#include <gtest/gtest.h>

#include <imgui.h>

#include "platform/font_atlas.h"

using namespace tx;

namespace {
DrawCmd text(const std::string& s, float px, FontFace face) {
  DrawCmd d;
  d.kind = DrawCmd::k_text;
  d.text = s;
  d.size = px;
  d.face = face;
  return d;
}
}  // namespace

TEST(FontAtlas, TheTicketNumberIsBakedAtItsOwnSize) {
  install_imgui_allocator();
  ImGui::CreateContext();
  {
    FontSystem fonts;
    std::string err;
    ASSERT_TRUE(fonts.open(&err)) << err;
    // A slip at 1×: body 48, title 72, the ticket 2.5× body.
    std::vector<DrawCmd> slip = {text("日期：12月15日 星期二", 48, FontFace::body),
                                 text("预约成功", 72, FontFace::title),
                                 text("预约号：A012", 120, FontFace::title)};
    ASSERT_TRUE(fonts.need(slip, 48, 72));
    ASSERT_TRUE(fonts.build_atlas(16384, &err)) << err;
    ImFont* ticket = fonts.font(FontFace::title, 120);
    ImFont* title = fonts.font(FontFace::title, 72);
    ASSERT_TRUE(ticket && title);
    EXPECT_NE(ticket, title);                       // not the title's glyphs scaled up
    EXPECT_FLOAT_EQ(ticket->FontSize, 120);
    EXPECT_FLOAT_EQ(title->FontSize, 72);
    EXPECT_EQ(fonts.font(FontFace::title, 80), title);  // a title a little larger: the title face
    EXPECT_EQ(fonts.font(FontFace::body, 120), fonts.font(FontFace::body));
    for (ImWchar c : {ImWchar(u'预'), ImWchar(u'号'), ImWchar(u'：'), ImWchar(u'A'), ImWchar(u'0'), ImWchar(u'9')})
      EXPECT_TRUE(ticket->FindGlyphNoFallback(c)) << int(c);
    // Only what the ticket needs at that size (STACK_NOTES: the atlas stays small).
    EXPECT_FALSE(ticket->FindGlyphNoFallback(ImWchar(u'期')));
    EXPECT_LE(ticket->Glyphs.Size, 20);
    EXPECT_LE(fonts.atlas_w() * fonts.atlas_h(), 2048 * 1024);
    // The next frame, or the next ticket number: nothing new to bake.
    EXPECT_FALSE(fonts.need(slip, 48, 72));
    slip[2].text = "预约号：A013";
    EXPECT_FALSE(fonts.need(slip, 48, 72));
    // 2× text: the ticket grows (capped at 3× the reference body), baked again at that size.
    slip[2].size = 144;
    EXPECT_TRUE(fonts.need(slip, 96, 108));
    ASSERT_TRUE(fonts.build_atlas(16384, &err)) << err;
    EXPECT_FLOAT_EQ(fonts.font(FontFace::title, 144)->FontSize, 144);
  }
  ImGui::DestroyContext();
}
