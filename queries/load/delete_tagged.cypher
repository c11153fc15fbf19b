// Remove the nodes of one test or benchmark run: every key, alias or source file name containing $tag
// (case-insensitive). Never used on real data; real documents are replaced by re-ingesting them.
MATCH (n:Document|Person|Agency|Province)
WHERE toLower(n.key) CONTAINS toLower($tag)
   OR toLower(coalesce(n.source, '')) CONTAINS toLower($tag)
   OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS toLower($tag))
DETACH DELETE n
RETURN count(*) AS deleted
