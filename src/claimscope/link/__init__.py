"""Across documents: the same claim in many documents gathered into one proposition. ``words`` makes a
claim's terms, ``weights`` holds their fixed weights, ``similarity`` scores a pair of claims, ``cluster`` finds the
links and groups them (average link, so groups do not chain), ``index`` stores links as documents are added,
``propositions`` adds the stance map and the grade (``claimscope.grade``), ``entities`` proposes and applies
entity merges, ``related`` finds related propositions and documents."""
