// Local fonts only: each file covers one script (unicode-range), so a Hebrew page
// downloads Hebrew and Latin glyphs and never the Arabic file, and vice versa;
// the Cyrillic file only comes with Russian text (fonts-cyrillic.css says why it is ours).
import "@fontsource/noto-sans/latin-400.css";
import "@fontsource/noto-sans/latin-700.css";
import "./fonts-cyrillic.css";
import "@fontsource/noto-sans-hebrew/hebrew-400.css";
import "@fontsource/noto-sans-hebrew/hebrew-700.css";
import "@fontsource/noto-sans-arabic/arabic-400.css";
import "@fontsource/noto-sans-arabic/arabic-700.css";
