# Mirror of the Java test generator + the demo's preprocess.py logic, to produce expected values.
import io, pandas as pd, xxhash
def rows(n):
    out=[]
    for i in range(n):
        req=f"{200000+i%7}_{1000+i%5}_2016-03-{10+i:02d} 10:00:00"
        r={}
        r['reqId_1']=req
        r['flattenRequest_eventTime_original_0']=('ts',1457604000000+i*86400000)
        r['flattenRequest_reqId_original_1']=req
        r['flattenRequest_pair_id_original_24']=f"{200000+i%7}_{1000+i%5}"
        r['flattenRequest_sku_id_original_25']=str(1000+i%5)
        r['flattenRequest_user_id_original_26']=str(200000+i%7)
        r['flattenRequest_pair_id_window_unique_count_27']=i%4+1
        r['flattenRequest_pair_id_window_top1_ratio_28']=('d',repr(1.0/(i%3+1)))
        r['flattenRequest_pair_id_window_top1_ratio_29']=('d','0.25' if i%2==0 else '1.0')
        r['flattenRequest_pair_id_window_unique_count_32']=i%3
        r['flattenRequest_pair_id_window_count_35']=None if i%4==0 else i%3
        r['flattenRequest_eventTime_dayofweek_41']=i%7+1
        r['flattenRequest_eventTime_isweekday_43']=i%2
        r['reqId_3']=req
        r['action_actionValue_multi_direct_2']=None if i==5 else (1 if i%3==0 else 0)
        r['bo_product_a1_multi_direct_3']=[None,"","-1","2"][i%4]
        r['bo_product_a2_multi_direct_4']="NULL" if i%5==0 else str(i%2)
        r['bo_product_a3_multi_direct_5']="x"+str(i%3)
        r['bo_product_br_multi_direct_6']=str(30+i%2)
        r['bo_product_cate_multi_direct_7']="4"
        r['bo_product_ingestionTime_multi_direct_8']=None if i%3==0 else ('ts',1457000000000+(i%2)*1000)
        r['bo_user_age_multi_direct_9']=["15-25","26-35",None][i%3]
        r['bo_user_ingestionTime_multi_direct_10']=('ts',1450000000000+(i%6)*3600000)
        r['bo_user_sex_multi_direct_11']=str(i%3)
        r['bo_user_user_lv_cd_multi_direct_12']=str(i%5+1)
        r['reqId_14']=req
        r['bo_comment_bad_comment_rate_multi_max_13']=[('d','0.0192'),('d','0.05'),None,('d','1.0E-5')][i%4]
        r['bo_comment_bad_comment_rate_multi_min_14']=('d','0.0')
        r['bo_comment_bad_comment_rate_multi_min_15']=('d','0.0192') if i%2 else ('d','0.0')
        r['bo_comment_comment_num_multi_unique_count_22']=i%2
        r['bo_comment_has_bad_comment_multi_unique_count_23']=1
        r['bo_comment_has_bad_comment_multi_top3frequency_30']="1,,NULL" if i%2 else ",NULL,NULL"
        r['bo_comment_comment_num_multi_top3frequency_33']=f"{i%3},0,NULL"
        r['reqId_17']=req
        r['bo_action_br_multi_top3frequency_16']=f"{30+i%2},NULL,NULL"
        r['bo_action_cate_multi_top3frequency_17']="4,NULL,NULL"
        r['bo_action_model_id_multi_top3frequency_18']="" if i%5==0 else f"m{i%4},NULL,NULL"
        r['bo_action_model_id_multi_unique_count_19']=i%5
        r['bo_action_model_id_multi_unique_count_20']=i%4
        r['bo_action_type_multi_unique_count_21']=i%2+1
        r['bo_action_type_multi_top3frequency_40']=f"{i%2+1},NULL,NULL"
        r['bo_action_type_multi_top3frequency_42']=f"{i%3+1},NULL,NULL"
        out.append(r)
    return out
def cell(v):
    if v is None: return ''
    if isinstance(v,tuple): return str(v[1])
    if isinstance(v,int): return str(v)
    return '"'+v.replace('"','""')+'"'
rs=rows(20)
cols=list(rs[0].keys())
text=','.join(cols)+'\n'+'\n'.join(','.join(cell(r[c]) for c in cols) for r in rs)+'\n'
features=pd.read_csv(io.StringIO(text))
ren={'action_actionValue_multi_direct_2':'Label'}
import re
java=open(__import__('os').path.join(__import__('os').path.dirname(__file__), '../../main/java/io/windrow/preprocess/compat/DemoColumns.java')).read()
for name,src in re.findall(r'new Renamed\("(\w+)", "(\w+)"\)',java): ren[src]=name
features.rename(columns=ren,inplace=True)
order=['Label']+[f'I{i}' for i in range(1,14)]+[f'C{i}' for i in range(1,29)]
features=features[order]
def gh(val):
    if val.name=='Label': return val
    return [xxhash.xxh64(str(i),seed=10).intdigest() for i in val]
features=features.apply(gh,axis=0)
for c in features.columns:
    features[c]=features[c].astype('float32' if c=='Label' else 'int64')
n=len(features); tr=int(n*0.8); te=int(n*0.1)
print('splits',tr,te,n-tr-te)
ints=features.drop(columns=['Label'])
print('row0', ', '.join(str(int(v))+'L' for v in ints.iloc[0].tolist()))
print('row19', ', '.join(str(int(v))+'L' for v in ints.iloc[19].tolist()))
print('dtypes', [str(features[c].dtype) for c in features.columns][:3])
print('labels', features['Label'].tolist())
del features['Label']
print('sizes', ','.join(str(x) for x in features.apply(lambda x: x.nunique(),axis=0).array))
