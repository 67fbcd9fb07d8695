#!/usr/bin/env Rscript
# Reference values of the weighted panel change (issue 17, item 6), from R's
# survey package (Lumley), on the committed fixture:
#
#   python3 test/analytics/reference/panel-fixture.py
#   Rscript test/analytics/reference/panel.R > test/analytics/fixtures/expected-panel.json
#   npx prettier --write test/analytics/fixtures/expected-panel.json
#
# Attrition weights: members who answered the earlier wave are put in cells of
# age band x sex as they answered it then; a sex whose age cells do not all keep
# a retained member is one cell; if a cell still has none, the whole panel is
# one cell. A retained member's weight is (members in the cell) / (retained in
# the cell): the inverse of the cell's response propensity. The change is
#   svymean(~diff, svydesign(ids = ~1, weights = ~w, data = retained pairs))
# with t on degf() = pairs - 1 and the two-sided p; d_z is the mean over the
# weighted SD of the differences (svyvar).
suppressPackageStartupMessages(library(survey))
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
m <- read.csv(here("..", "fixtures", "panel-members.csv"), stringsAsFactors = FALSE,
              colClasses = c(age_band = "character", sex = "character"))
m$cell <- paste(m$age_band, m$sex, sep = "|")
kept <- tapply(m$retained, m$cell, sum)
for (s in unique(m$sex)) {
  cells <- unique(m$cell[m$sex == s])
  if (any(kept[cells] == 0)) m$cell[m$sex == s] <- paste("*", s, sep = "|")
}
kept <- tapply(m$retained, m$cell, sum)
if (any(kept == 0)) m$cell <- "*"
members <- ave(rep(1, nrow(m)), m$cell, FUN = sum)
retained <- ave(m$retained, m$cell, FUN = sum)
m$w <- ifelse(m$retained == 1, members / retained, NA)
r <- m[m$retained == 1, ]
weights <- sprintf('"%s": %s', r$panel_id, format(r$w, digits = 17))
p <- r[!is.na(r$after), ]
p$diff <- p$after - p$before
design <- svydesign(ids = ~1, weights = ~w, data = p)
est <- svymean(~diff, design)
se <- SE(est)[[1]]
mean_ <- coef(est)[[1]]
df <- degf(design)
t <- mean_ / se
sd <- sqrt(coef(svyvar(~diff, design))[[1]])
cat("{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n",
    "  \"weights\": {", paste(weights, collapse = ", "), "},\n",
    "  \"change\": {\"pairs\": ", nrow(p), ", \"diff\": ", format(mean_, digits = 17), ", \"se\": ", format(se, digits = 17),
    ", \"df\": ", df, ", \"t\": ", format(t, digits = 17), ", \"p\": ", format(2 * pt(-abs(t), df), digits = 17),
    ", \"d\": ", format(mean_ / sd, digits = 17), ", \"effectiveN\": ", format(sum(p$w)^2 / sum(p$w^2), digits = 17), "}\n}\n", sep = "")
