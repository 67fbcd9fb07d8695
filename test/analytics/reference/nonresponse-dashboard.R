#!/usr/bin/env Rscript
# Reference figures of a dashboard wave adjusted for non-response within the
# classes of its contact list, then raked (issue 17, item 3), from R's survey
# package (Lumley):
#
#   Rscript test/analytics/reference/nonresponse-dashboard.R
#   npx prettier --write test/analytics/fixtures/expected-nonresponse-dashboard.json
#
# reads test/analytics/fixtures/nonresponse-invitations.csv (every invitation's
# frame cell and disposition) and nonresponse-respondents.csv (one row per
# complete: frame cell, sex, score), writes expected-nonresponse-dashboard.json.
#
# The classes are the language of the list (Hebrew and Arabic both keep at
# least 20 respondents; Hebrew's neighbourhoods do not, south having 15, so
# they are collapsed; Arabic has no neighbourhood to split by). Eligibility:
# 1 known eligible, 0 undeliverable, e = known eligible / known for an unknown
# case. Then rake(svydesign(ids = ~1, weights = ~w_nr), ~dem_sex) to halves,
# and the weighted mean and its SE with the final weights taken as given
# (svymean on svydesign(ids = ~1, weights = ~w)), as the dashboards compute them.
suppressPackageStartupMessages(library(survey))
here <- function(...) file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), ...)
inv <- read.csv(here("..", "fixtures", "nonresponse-invitations.csv"), colClasses = "character")
d <- read.csv(here("..", "fixtures", "nonresponse-respondents.csv"), colClasses = c("character", "character", "character", "numeric"))
known_eligible <- sum(inv$disposition %in% c("complete", "non-contact"))
e <- known_eligible / (known_eligible + sum(inv$disposition == "ineligible"))
inv$elig <- ifelse(inv$disposition == "ineligible", 0, ifelse(inv$disposition == "unknown", e, 1))
eligible <- tapply(inv$elig, inv$language, sum)
respondents <- table(d$language)
factor <- eligible / as.numeric(respondents[names(eligible)])
d$w_nr <- as.numeric(factor[d$language])
n <- nrow(d)
raked <- rake(svydesign(ids = ~1, weights = ~w_nr, data = d), list(~dem_sex),
              list(data.frame(dem_sex = c("1", "2"), Freq = c(0.5, 0.5) * n)),
              control = list(maxit = 100, epsilon = 1e-13))
d$w <- weights(raked)
m <- svymean(~score, svydesign(ids = ~1, weights = ~w, data = d))
# Raking alone, for the difference the adjustment makes.
alone <- rake(svydesign(ids = ~1, weights = ~1, data = d), list(~dem_sex),
              list(data.frame(dem_sex = c("1", "2"), Freq = c(0.5, 0.5) * n)),
              control = list(maxit = 100, epsilon = 1e-13))
num <- function(x) format(x, digits = 17)
cell_w <- function(lang, sex) d$w[d$language == lang & d$dem_sex == sex][1]
json <- paste0(
  "{\n  \"R\": \"", R.version.string, "\",\n  \"survey\": \"", as.character(packageVersion("survey")), "\",\n",
  "  \"e\": ", num(e), ",\n",
  "  \"factors\": {", paste(sprintf('"%s": %s', names(factor), num(factor)), collapse = ", "), "},\n",
  "  \"weights\": {", paste(sprintf('"%s": %s', c("he/1", "he/2", "ar/1", "ar/2"),
    num(c(cell_w("he", "1"), cell_w("he", "2"), cell_w("ar", "1"), cell_w("ar", "2")))), collapse = ", "), "},\n",
  "  \"mean\": ", num(coef(m)[[1]]), ",\n",
  "  \"se\": ", num(SE(m)[[1]]), ",\n",
  "  \"meanRakedOnly\": ", num(coef(svymean(~score, alone))[[1]]), "\n}\n")
cat(json, file = here("..", "fixtures", "expected-nonresponse-dashboard.json"))
