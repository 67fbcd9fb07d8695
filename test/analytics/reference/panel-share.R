#!/usr/bin/env Rscript
# Reference values of a panel change of a share (issue 17, item 4: frequency
# constructs compared as shares), from R's survey package, on the committed
# panel fixture with the attrition weights of panel.R:
#
#   Rscript test/analytics/reference/panel-share.R > test/analytics/fixtures/expected-panel-share.json
#   npx prettier --write test/analytics/fixtures/expected-panel-share.json
#
# Each member's score becomes the favourable indicator z = (score >= 3); the
# change is svymean(~dz, svydesign(ids = ~1, weights = ~w)) of dz = z_after -
# z_before over the retained pairs (the change of the panel's weighted share),
# t on degf() = pairs - 1, the two-sided p; its size is Cohen's h of the two
# weighted shares, 2 asin(sqrt(p_after)) - 2 asin(sqrt(p_before)).
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
p <- m[m$retained == 1 & !is.na(m$after), ]
p$zb <- as.numeric(p$before >= 3)
p$za <- as.numeric(p$after >= 3)
p$dz <- p$za - p$zb
design <- svydesign(ids = ~1, weights = ~w, data = p)
est <- svymean(~dz, design)
shares <- coef(svymean(~zb + za, design))
se <- SE(est)[[1]]
mean_ <- coef(est)[[1]]
df <- degf(design)
t <- mean_ / se
h <- 2 * asin(sqrt(shares[["za"]])) - 2 * asin(sqrt(shares[["zb"]]))
num <- function(x) format(x, digits = 17)
cat("{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n",
    "  \"threshold\": 3,\n",
    "  \"change\": {\"pairs\": ", nrow(p), ", \"before\": ", num(shares[["zb"]]), ", \"after\": ", num(shares[["za"]]),
    ", \"diff\": ", num(mean_), ", \"se\": ", num(se), ", \"df\": ", df, ", \"t\": ", num(t),
    ", \"p\": ", num(2 * pt(-abs(t), df)), ", \"h\": ", num(h), "}\n}\n", sep = "")
